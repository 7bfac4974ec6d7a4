/* Test-only stand-in for Windows' bcryptprimitives.dll, which Wine 8 (Debian 12) lacks.
 * Rust's standard library on Windows asks ProcessPrng for random bytes (HashMap keys);
 * this forwards to SystemFunction036 (RtlGenRandom) in advapi32, which Wine has.
 * scripts/windows-wine.sh builds it with mingw and puts it beside the test's copy of
 * samtal.exe only. It is never shipped: real Windows has the real DLL. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
