# Used by stalled-uploads.sh. Bounded stalled-upload flood on loopback: N connections each declare a 5,000,000-byte body,
# send 4.9 MB of it and stall. Mode 'none': no credentials; 'fakesig': a syntactically valid but
# wrong signature with a fresh timestamp (passes the header check, fails after the body).
import socket, sys, time, threading, json, urllib.request
port, n, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
chunk = b'x' * 65536
results = {}
def one(i):
    s = socket.create_connection(('127.0.0.1', port), timeout=20)
    hdr = 'POST /api/reviews HTTP/1.1\r\nHost: x\r\nContent-Type: text/x-diff\r\nContent-Length: 5000000\r\n'
    if mode == 'fakesig':
        hdr += 'X-Synapse-Timestamp: %d\r\nX-Synapse-Signature: sha256=%s\r\n' % (int(time.time()), '0' * 64)
    s.sendall((hdr + '\r\n').encode())
    sent = 0
    try:
        while sent < 4_900_000:
            s.sendall(chunk); sent += len(chunk)
    except OSError as e:
        pass
    s.settimeout(3)
    try:
        data = s.recv(200)
        results[i] = (sent, data.split(b'\r\n')[0].decode() if data else 'closed')
    except socket.timeout:
        results[i] = (sent, 'no answer (stalled)')
    except OSError as e:
        results[i] = (sent, 'reset')
    conns.append(s)
conns = []
t0 = time.time()
threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
for t in threads: t.start()
for t in threads: t.join(60)
t1 = time.time()
try:
    live = urllib.request.urlopen('http://127.0.0.1:%d/health/live' % port, timeout=5).status
except Exception as e:
    live = repr(e)
summary = {}
for sent, status in results.values(): summary[status] = summary.get(status, 0) + 1
print(json.dumps({'mode': mode, 'connections': n, 'seconds': round(t1 - t0, 1),
                  'bytes_sent_total_MB': round(sum(r[0] for r in results.values()) / 1e6), 'answers': summary,
                  'health_live_after': live}))
for s in conns: s.close()
