//! The preview's connections, within bounds: a cap on how many are open at once, a deadline
//! for a request's headers (and for the next request on a kept-alive connection), and a
//! deadline for a client that stops reading its response. A browser, a script or a hostile
//! page on the same computer can then neither exhaust the preview's memory nor hold all of
//! its connections.

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::io;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use tokio::time::Sleep;

/// The bounds every connection is served within.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Open connections at most; more wait in the system's queue until one closes. A browser
    /// tab holds one event stream and up to six connections for its page's files.
    pub max_connections: usize,
    /// A request's headers must arrive within this, and so must the next request on an idle
    /// kept-alive connection.
    pub header_timeout: Duration,
    /// A client that takes none of its response for this long is dropped.
    pub write_stall: Duration,
    /// After the stop signal, open requests get this long to finish.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_connections: 256,
            header_timeout: Duration::from_secs(10),
            write_stall: Duration::from_secs(30),
            shutdown_grace: Duration::from_secs(2),
        }
    }
}

/// The largest request head read into a connection's buffer (hyper's minimum is 8 KiB).
const READ_BUFFER: usize = 16 * 1024;

/// Serves `app` on `listener` within `limits` until `stop` resolves, then lets open requests
/// finish (the event streams end when `stop` tells them) for at most the grace period.
pub async fn serve(listener: TcpListener, app: Router, limits: Limits, stop: impl Future<Output = ()>) {
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let (closing_tx, closing) = watch::channel(false);
    let mut open = JoinSet::new();
    let mut stop = pin!(stop);
    loop {
        while open.try_join_next().is_some() {}
        let permit = tokio::select! {
            () = &mut stop => break,
            permit = permits.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
        };
        let stream = tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    pause_after_accept_error(&e).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let connection = connection(stream, app.clone(), limits, closing.clone());
        open.spawn(async move {
            connection.await;
            drop(permit);
        });
    }
    let _ = closing_tx.send(true);
    let all_closed = async { while open.join_next().await.is_some() {} };
    if tokio::time::timeout(limits.shutdown_grace, all_closed).await.is_err() {
        open.abort_all();
    }
}

/// One connection, served until it ends, fails a limit, or is asked to close.
async fn connection(stream: tokio::net::TcpStream, app: Router, limits: Limits, mut closing: watch::Receiver<bool>) {
    let io = TokioIo::new(StallGuard::new(stream, limits.write_stall));
    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout).max_buf_size(READ_BUFFER);
    let mut conn = pin!(builder.serve_connection(io, TowerToHyperService::new(app)));
    // The guard `wait_for` returns is dropped here, before the connection is awaited again.
    let closing = async move {
        let _ = closing.wait_for(|closing| *closing).await;
    };
    tokio::select! {
        _ = conn.as_mut() => {}
        () = closing => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
}

/// After a failed accept: a connection reset before it was taken is nothing; running out of
/// file descriptors passes when connections close, so wait a moment instead of spinning.
async fn pause_after_accept_error(e: &io::Error) {
    use io::ErrorKind::*;
    if !matches!(e.kind(), ConnectionAborted | ConnectionReset | ConnectionRefused | Interrupted) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A connection that fails a write once the client has taken none of it for `stall`: hyper
/// waits for a reader for ever, holding the response and the connection.
struct StallGuard<T> {
    inner: T,
    stall: Duration,
    stalled: Option<Pin<Box<Sleep>>>,
}

impl<T> StallGuard<T> {
    fn new(inner: T, stall: Duration) -> StallGuard<T> {
        StallGuard { inner, stall, stalled: None }
    }

    /// What a write that the socket cannot take now returns: pending, until the stall's
    /// deadline, then an error that ends the connection.
    fn pending<R>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<R>> {
        let stall = self.stall;
        let deadline = self.stalled.get_or_insert_with(|| Box::pin(tokio::time::sleep(stall)));
        ready!(deadline.as_mut().poll(cx));
        Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "the client stopped reading")))
    }

    fn progressed<R>(&mut self, result: io::Result<R>) -> Poll<io::Result<R>> {
        self.stalled = None;
        Poll::Ready(result)
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for StallGuard<T> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for StallGuard<T> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write(cx, buf) {
            Poll::Ready(result) => self.progressed(result),
            Poll::Pending => self.pending(cx),
        }
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write_vectored(cx, bufs) {
            Poll::Ready(result) => self.progressed(result),
            Poll::Pending => self.pending(cx),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match Pin::new(&mut self.inner).poll_flush(cx) {
            Poll::Ready(result) => self.progressed(result),
            Poll::Pending => self.pending(cx),
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpSocket, TcpStream};

    /// A page large enough that no socket buffer holds it.
    const BIG: usize = 64 * 1024 * 1024;
    /// Bounds every wait in these tests: far above any limit they set.
    const PATIENCE: Duration = Duration::from_secs(20);

    fn app() -> Router {
        let big = axum::body::Bytes::from(vec![b'x'; BIG]);
        Router::new().route("/", get(|| async { "hej" })).route("/big", get(move || std::future::ready(big.clone())))
    }

    /// A server with one connection at a time and short deadlines, and its address.
    async fn start(limits: Limits) -> std::net::SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(listener, app(), limits, std::future::pending()));
        addr
    }

    fn one_at_a_time() -> Limits {
        Limits {
            max_connections: 1,
            header_timeout: Duration::from_millis(300),
            write_stall: Duration::from_millis(300),
            shutdown_grace: Duration::from_secs(1),
        }
    }

    /// Sends a whole request for `/` and reads the whole answer.
    async fn fetch_home(addr: std::net::SocketAddr) -> String {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").await.unwrap();
        let mut answer = String::new();
        tokio::time::timeout(PATIENCE, stream.read_to_string(&mut answer)).await.expect("answered in time").unwrap();
        answer
    }

    /// Reads until the server closes the connection; the number of bytes read.
    async fn read_until_closed(stream: &mut TcpStream) -> usize {
        let mut total = 0;
        let mut buf = vec![0; 1 << 16];
        loop {
            match tokio::time::timeout(PATIENCE, stream.read(&mut buf)).await.expect("closed in time") {
                Ok(0) | Err(_) => return total,
                Ok(n) => total += n,
            }
        }
    }

    #[tokio::test]
    async fn a_client_that_never_finishes_its_headers_is_dropped_and_frees_its_place() {
        let addr = start(one_at_a_time()).await;
        let mut slow = TcpStream::connect(addr).await.unwrap();
        slow.write_all(b"GET / HTTP/1.1\r\nHost: local").await.unwrap();
        // The one place is the slow client's until its headers are overdue; then the next is served.
        assert!(fetch_home(addr).await.ends_with("hej"));
        assert_eq!(read_until_closed(&mut slow).await, 0, "nothing is answered to half a request");
    }

    #[tokio::test]
    async fn an_idle_kept_alive_connection_is_closed_and_frees_its_place() {
        let addr = start(one_at_a_time()).await;
        let mut idle = TcpStream::connect(addr).await.unwrap();
        idle.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").await.unwrap();
        let mut first = vec![0; 1024];
        let n = tokio::time::timeout(PATIENCE, idle.read(&mut first)).await.unwrap().unwrap();
        assert!(String::from_utf8_lossy(&first[..n]).ends_with("hej"));
        // Kept alive and silent: closed at the deadline, and the next client is served.
        assert!(fetch_home(addr).await.ends_with("hej"));
        assert_eq!(read_until_closed(&mut idle).await, 0);
    }

    #[tokio::test]
    async fn a_client_that_stops_reading_is_dropped_and_frees_its_place() {
        let addr = start(one_at_a_time()).await;
        let socket = TcpSocket::new_v4().unwrap();
        socket.set_recv_buffer_size(4096).unwrap();
        let mut stuck = socket.connect(addr).await.unwrap();
        stuck.write_all(b"GET /big HTTP/1.1\r\nHost: localhost\r\n\r\n").await.unwrap();
        // The stuck client reads nothing; the next one is served once it has been dropped.
        assert!(fetch_home(addr).await.ends_with("hej"));
        assert!(read_until_closed(&mut stuck).await < BIG, "the big page was cut off");
    }

    #[tokio::test]
    async fn connections_beyond_the_cap_wait_for_a_place() {
        let limits = Limits { max_connections: 2, header_timeout: PATIENCE, ..one_at_a_time() };
        let addr = start(limits).await;
        let mut holders = [TcpStream::connect(addr).await.unwrap(), TcpStream::connect(addr).await.unwrap()];
        for h in &mut holders {
            h.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").await.unwrap();
            let mut buf = vec![0; 1024];
            tokio::time::timeout(PATIENCE, h.read(&mut buf)).await.unwrap().unwrap();
        }
        // Both places are held by kept-alive connections: a third request is not taken...
        let third = tokio::spawn(fetch_home(addr));
        let mut queued = TcpStream::connect(addr).await.unwrap();
        queued.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").await.unwrap();
        let mut buf = [0; 1];
        assert!(
            tokio::time::timeout(Duration::from_millis(500), queued.read(&mut buf)).await.is_err(),
            "a connection beyond the cap was served"
        );
        // ...until one of them closes.
        drop(holders);
        assert!(third.await.unwrap().ends_with("hej"));
    }
}
