# Used by slow-headers.sh. Bounded slow-header ("slowloris") test on loopback: N connections each
# send a request line, then one header byte per second for up to SECONDS; counts how many the
# server closed, and when.
import socket, sys, time, json, urllib.request
port, n, seconds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
socks, closed_at = [], {}
t0 = time.time()
for i in range(n):
    s = socket.create_connection(('127.0.0.1', port), timeout=5)
    s.sendall(b'GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ')
    s.setblocking(False)
    socks.append(s)
while time.time() - t0 < seconds and len(closed_at) < n:
    time.sleep(1)
    for i, s in enumerate(socks):
        if i in closed_at:
            continue
        try:
            s.send(b'a')
            if s.recv(1) == b'':
                closed_at[i] = time.time() - t0
        except BlockingIOError:
            pass
        except OSError:
            closed_at[i] = time.time() - t0
try:
    live = urllib.request.urlopen('http://127.0.0.1:%d/health/live' % port, timeout=5).status
except Exception as e:
    live = repr(e)
times = sorted(closed_at.values())
print(json.dumps({'connections': n, 'closed_by_server': len(closed_at), 'still_open': n - len(closed_at),
                  'first_closed_s': round(times[0], 1) if times else None,
                  'last_closed_s': round(times[-1], 1) if times else None, 'health_live': live}))
for s in socks:
    s.close()
