# Used by reliability/attack.sh: the attacks of issue 14 against one running node on loopback,
# each bounded in count and time, each with the outcome it must have. Python 3 standard library only.
# Usage: attack.py HTTP_PORT SECRET [SCALE]   (SCALE multiplies the counts; 1 = the short default run)
# Prints one line per attack ("ok" or "FAIL" with figures) and a JSON summary; exit 1 when one fails.
import hashlib, hmac, http.client, json, os, random, socket, sys, threading, time, urllib.request

PORT, SECRET = int(sys.argv[1]), sys.argv[2]
SCALE = float(sys.argv[3]) if len(sys.argv) > 3 else 1.0
HOST = '127.0.0.1'
results = []
DIFF = open(os.path.join(os.path.dirname(__file__), '..', 'src/main/resources/samples/sql-injection.diff'), 'rb').read()


def n(count):
    return max(1, int(count * SCALE))


def report(name, ok, **figures):
    results.append({'attack': name, 'ok': bool(ok), **figures})
    print('%-28s %s  %s' % (name, 'ok  ' if ok else 'FAIL', json.dumps(figures)), flush=True)


def request(method, target, body=b'', headers=None, timeout=15):
    """One request on a fresh connection: (status, body bytes); status -1 when the connection failed."""
    c = http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    try:
        c.request(method, target, body=body, headers=headers or {})
        r = c.getresponse()
        return r.status, r.read()
    except (OSError, http.client.HTTPException) as e:
        return -1, repr(e).encode()
    finally:
        c.close()


def signed(method, target, body=b'', ts=None):
    ts = str(int(time.time()) if ts is None else ts)
    mac = hmac.new(SECRET.encode(), method.encode() + b'\n' + target.encode() + b'\n' + ts.encode() + b'\n' + body,
                   hashlib.sha256).hexdigest()
    return {'X-Synapse-Timestamp': ts, 'X-Synapse-Signature': 'sha256=' + mac}


BEARER = {'Authorization': 'Bearer ' + SECRET}


def live():
    return request('GET', '/health/live', timeout=5)[0] == 200


def metrics_lines():
    s, b = request('GET', '/metrics', timeout=20)
    return len(b.splitlines()) if s == 200 else -1


def parallel(fn, items, threads=16):
    out, lock, it = [], threading.Lock(), iter(items)

    def worker():
        while True:
            with lock:
                try:
                    x = next(it)
                except StopIteration:
                    return
            r = fn(x)
            with lock:
                out.append(r)
    ts = [threading.Thread(target=worker) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(120)
    return out


def malformed():
    rnd = random.Random(14)
    bodies = []
    for i in range(n(400)):
        k = i % 8
        if k == 0:
            b = bytes(rnd.getrandbits(8) for _ in range(rnd.randint(0, 300)))
        elif k == 1:
            b = json.dumps({'diff': DIFF.decode()})[:rnd.randint(1, 200)].encode()  # truncated JSON
        elif k == 2:
            b = json.dumps({'diff': rnd.choice([1, None, [], {}, True]), 'labels': rnd.choice(['x', 3, [1], None])}).encode()
        elif k == 3:
            b = b'{"diff": "' + b'\xff\xfe\xc3' * rnd.randint(1, 50) + b'"}'  # invalid UTF-8
        elif k == 4:
            b = json.dumps({'diff': DIFF.decode(), 'review_id': 'x' * rnd.randint(200, 5000)}).encode()
        elif k == 5:
            b = json.dumps({'diff': DIFF.decode(), 'risk_factor': rnd.choice([1e308, -1, 'high', 10 ** 40])}).encode()
        elif k == 6:
            b = ('[' * rnd.randint(1000, 20000)).encode()  # deep nesting
        else:
            lines = DIFF.decode().splitlines()
            rnd.shuffle(lines)
            b = '\n'.join(lines[:rnd.randint(0, len(lines))]).encode()
        ctype = 'text/x-diff' if k == 7 else 'application/json'
        bodies.append((b, ctype))

    def send(item):
        b, ctype = item
        return request('POST', '/api/reviews', b, dict(BEARER, **{'Content-Type': ctype}))[0]
    statuses = parallel(send, bodies, 8)
    server_errors = [s for s in statuses if s >= 500 or s < 0]
    report('malformed bodies', not server_errors and live(), sent=len(statuses),
           statuses=sorted(set(statuses)), server_errors_or_dropped=len(server_errors))


def bad_escapes():
    cases = [('GET', '/api/reviews?wait=%', {}), ('GET', '/api/reviews?repo=%ZZ', {}), ('GET', '/api/reviews/%ZZ', {}),
             ('POST', '/api/reviews', {'Content-Type': 'text/x-diff;charset='}),
             ('POST', '/api/reviews', {'Content-Type': 'text/x-diff;charset=no-such-charset'}),
             ('GET', '/api/reviews/%C3%28', {}), ('GET', '/api/signals?type=%', {})]
    out = []
    for method, target, h in cases:
        for auth in ({}, BEARER):
            out.append(request(method, target, DIFF if method == 'POST' else b'', dict(h, **auth))[0])
    report('bad percent-escapes', all(400 <= s < 500 for s in out), statuses=out)


def invented_methods():
    before = metrics_lines()
    first = [request('X%s' % chr(65 + i), '/api/reviews')[0] for i in range(5)]
    mid = metrics_lines()
    second = [request('Y%s%s' % (chr(65 + i // 26 % 26), chr(65 + i % 26)), '/api/reviews', headers=BEARER)[0]
              for i in range(n(20))]
    after = metrics_lines()
    ok = all(s == 405 for s in first + second) and after - mid <= 5 and after > 0
    report('invented HTTP methods', ok, statuses=sorted(set(first + second)), metrics_lines=[before, mid, after])


def oversized():
    big = 5_242_880 + 1  # attack.sh starts node A with SYNAPSE_MAX_DIFF_BYTES=5242880 (the default is 50 MiB)
    s1, _ = request('POST', '/api/reviews', b'', dict(BEARER, **{'Content-Type': 'text/x-diff', 'Content-Length': str(big)}), timeout=10)
    # a chunked body that keeps going past the limit
    sock = socket.create_connection((HOST, PORT), timeout=30)
    sock.sendall(('POST /api/reviews HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: text/x-diff\r\n'
                  'Transfer-Encoding: chunked\r\n\r\n' % SECRET).encode())
    chunk = b'x' * 65536
    status = 'no answer'
    try:
        for _ in range(120):  # up to 7.8 MB
            sock.sendall(b'%x\r\n' % len(chunk) + chunk + b'\r\n')
    except OSError:
        pass
    try:
        sock.settimeout(10)
        data = sock.recv(200)
        status = data.split(b'\r\n')[0].decode() if data else 'closed'
    except OSError as e:
        status = 'closed (%s)' % type(e).__name__
    sock.close()
    ok = s1 == 413 and ('413' in status or status.startswith('closed')) and live()
    report('oversized bodies', ok, declared=s1, chunked=status)


def stalled_uploads():
    count = n(20)
    socks, answers = [], {}

    def one(i):
        s = socket.create_connection((HOST, PORT), timeout=20)
        hdr = 'POST /api/reviews HTTP/1.1\r\nHost: x\r\nContent-Type: text/x-diff\r\nContent-Length: 5000000\r\n'
        if i % 2:  # a wrong signature with a fresh timestamp passes the header check
            hdr += 'X-Synapse-Timestamp: %d\r\nX-Synapse-Signature: sha256=%s\r\n' % (int(time.time()), '0' * 64)
        s.sendall((hdr + '\r\n').encode())
        try:
            for _ in range(16):  # 1 MB, then stall
                s.sendall(b'x' * 65536)
        except OSError:
            pass
        s.settimeout(3)
        try:
            d = s.recv(100)
            answers[i] = d.split(b'\r\n')[0].decode() if d else 'closed'
        except socket.timeout:
            answers[i] = 'stalled'
        except OSError:
            answers[i] = 'reset'
        socks.append(s)
    ts = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(60)
    alive_during = live()
    counts = {}
    for a in answers.values():
        counts[a] = counts.get(a, 0) + 1
    for s in socks:
        s.close()
    no_5xx = not any(a.startswith('HTTP/1.1 5') and ' 503 ' not in a for a in answers.values())
    report('stalled uploads', alive_during and no_5xx and live(), connections=count, answers=counts)


def header_dribble(timeout_s):
    count = n(50)
    socks, closed = [], {}
    t0 = time.time()
    for _ in range(count):
        s = socket.create_connection((HOST, PORT), timeout=5)
        s.sendall(b'GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ')
        s.setblocking(False)
        socks.append(s)
    while time.time() - t0 < timeout_s + 10 and len(closed) < count:
        time.sleep(0.5)
        for i, s in enumerate(socks):
            if i in closed:
                continue
            try:
                s.send(b'a')
                if s.recv(1) == b'':
                    closed[i] = time.time() - t0
            except BlockingIOError:
                pass
            except OSError:
                closed[i] = time.time() - t0
    for s in socks:
        s.close()
    times = sorted(closed.values())
    report('header dribbling', len(closed) == count and live(), connections=count, closed=len(closed),
           closed_after_s=[round(times[0], 1), round(times[-1], 1)] if times else None)


def flood():
    count = n(3000)

    def one(i):
        auth = BEARER if i % 3 == 0 else ({'Authorization': 'Bearer wrong'} if i % 3 == 1 else {})
        return request('GET', '/api/reviews/flood-%d' % i, headers=auth, timeout=20)[0]
    t0 = time.time()
    statuses = parallel(one, range(count), 32)
    secs = time.time() - t0
    hist = {}
    for s in statuses:
        hist[s] = hist.get(s, 0) + 1
    bad = sum(v for k, v in hist.items() if k >= 500 or k < 0)
    report('request flood', bad == 0 and live(), requests=count, seconds=round(secs, 1),
           per_second=round(count / secs), statuses=hist)


def replay():
    rid = random.randint(0, 10 ** 9)
    target = '/api/reviews?labels=security&review_id=replay-%d' % rid
    body = DIFF
    h = dict(signed('POST', target, body), **{'Content-Type': 'text/x-diff'})
    first = request('POST', target, body, h)[0]
    again = request('POST', target, body, h)[0]
    changed = target.replace('labels=security', 'labels=docs')
    tampered = request('POST', changed, body, h)[0]
    old = '/api/reviews?labels=security&review_id=stale-%d' % rid
    stale = request('POST', old, body, dict(signed('POST', old, body, int(time.time()) - 3600),
                                            **{'Content-Type': 'text/x-diff'}))[0]
    empty_get = request('GET', '/api/reviews', b'', signed('GET', '/api/reviews?x=1'))[0]  # signature of another target
    hub = request('GET', '/api/reviews', b'', {'X-Hub-Signature-256': 'sha256=' + hmac.new(SECRET.encode(), b'', hashlib.sha256).hexdigest()})[0]
    ok = first in (200, 202) and again == 401 and tampered == 401 and stale == 401 and empty_get == 401 and hub == 401
    report('replayed signatures', ok, first=first, replay=again, other_query=tampered, stale_timestamp=stale,
           signature_of_other_target=empty_get, github_signature_on_api=hub)


def rogue_join(rogue_port):
    if not rogue_port:
        return
    ours = members(request('GET', '/health/ready', timeout=10)[1])
    theirs = members(raw('GET', rogue_port, '/health/ready')[1])
    rid = 'rogue-%d' % random.randint(0, 10 ** 9)
    planted = raw('POST', rogue_port, '/api/reviews?labels=security&review_id=' + rid, DIFF)[0]
    served = request('GET', '/api/reviews/' + rid, headers=BEARER)[0]
    ok = ours == 1 and theirs == 1 and served == 404
    report('node without the secret', ok, members_seen_by_node=ours, members_seen_by_rogue=theirs,
           rogue_accepted=planted, node_serves_rogue_review=served)


def members(body):
    try:
        for c in json.loads(body)['checks']:
            if c['name'] == 'cluster':
                return c['data']['data_members']
    except (ValueError, KeyError, TypeError):
        return None
    return None


def raw(method, port, path, body=b''):
    c = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        c.request(method, path, body=body, headers={'Content-Type': 'text/x-diff'} if body else {})
        r = c.getresponse()
        return r.status, r.read()
    except OSError as e:
        return -1, repr(e).encode()
    finally:
        c.close()


if __name__ == '__main__':
    t0 = time.time()
    header_timeout_s = float(os.environ.get('HEADER_TIMEOUT_S', '10'))
    rogue = int(os.environ.get('ROGUE_PORT', '0'))
    baseline = metrics_lines()
    for attack in (malformed, bad_escapes, invented_methods, oversized, replay, flood, stalled_uploads):
        attack()
    header_dribble(header_timeout_s)
    rogue_join(rogue)
    final = metrics_lines()
    report('/metrics bounded', 0 < final <= baseline + 1500, lines_at_start=baseline, lines_at_end=final)
    report('node alive, answering', live())
    failed = [r['attack'] for r in results if not r['ok']]
    print(json.dumps({'seconds': round(time.time() - t0, 1), 'scale': SCALE, 'failed': failed}))
    sys.exit(1 if failed else 0)
