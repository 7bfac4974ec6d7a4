#!/usr/bin/env python3
"""N concurrent requests for one page of `samtal serve`; prints the preview's peak RSS (RELIABILITY.md).
usage: scripts/serve-flood.py PORT PID PATH N MODE   (MODE: read = read every response whole; stall = read
the status line only, with a 4 KB receive window, and hold)"""
import asyncio, socket, sys, time
port, pid, path, n, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]

def rss():
    s = open(f"/proc/{pid}/status").read()
    f = lambda k: int(s.split(k + ":")[1].split()[0]) // 1024
    return f("VmRSS"), f("VmHWM")

async def client(i, done):
    sock = socket.socket()
    if mode == "stall":
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.setblocking(False)
    loop = asyncio.get_running_loop()
    await loop.sock_connect(sock, ("127.0.0.1", port))
    await loop.sock_sendall(sock, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
    total = 0
    while True:
        data = await loop.sock_recv(sock, 65536)
        if not data:
            break
        total += len(data)
        if mode == "stall" and total >= 12:
            done.append(total)
            await asyncio.sleep(3600)
    done.append(total)
    sock.close()

async def main():
    print("idle MiB (rss, peak):", rss())
    done = []
    t = time.time()
    tasks = [asyncio.create_task(client(i, done)) for i in range(n)]
    peak = 0
    while len(done) < n and time.time() - t < 300:
        await asyncio.sleep(0.2)
        peak = max(peak, rss()[0])
    print(f"{len(done)} of {n} answered in {time.time()-t:.1f} s; peak RSS during load {peak} MiB; now {rss()}")
    for task in tasks: task.cancel()

asyncio.run(main())
