"""Tricklers (second hostile read of the twenty-third pass, F3): two connections each send about 5 MiB of a 10 MB
contract body at once (codes of 99 KB: a JSON string is bounded at 1,000,000 characters), then 1 KiB every 20 s (just over the gateway's minimum body rate), to contracts-service through
the gateway; a third request of 3 MB (one another client could send) is tried every 5 s. Prints when the third is
read (the service's answer to its content, 400) or refused (503, the body budget), and what the tricklers got. Reads GW
and the demo clients from the environment (. $PORTFOLIO_HOME/demo.env). SECONDS (default 150) bounds the run."""
import base64, http.client, json, os, socket, sys, threading, time, uuid
GW = os.environ['GW'].replace('http://', '')
host, port = GW.split(':')
port = int(port)
RUN = int(os.environ.get('SECONDS_TO_RUN', '150'))
def token(cid, secret):
    c = http.client.HTTPConnection(host, port, timeout=30)
    auth = base64.b64encode(f"{cid}:{secret}".encode()).decode()
    c.request('POST', '/oauth/token', 'grant_type=client_credentials', {'Authorization': 'Basic ' + auth, 'Content-Type': 'application/x-www-form-urlencoded'})
    return json.loads(c.getresponse().read())['access_token']
ov = token(os.environ['OVERSIGHT_ID'], os.environ['OVERSIGHT_SECRET'])
t0 = time.time()
def now():
    return time.time() - t0
trickled = {}
def trickle(i):
    s = socket.create_connection((host, port))
    s.settimeout(RUN + 60)
    head = (f"POST /api/contracts HTTP/1.1\r\nHost: {GW}\r\nAuthorization: Bearer {ov}\r\n"
            "Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n").encode()
    # 53 benchmarks of 99 KB codes (a string is at most 1,000,000 characters: JsonLimits), about 5 MiB, then the trickle
    # goes on inside the next code
    prefix = b'{"schoolId":"' + str(uuid.uuid4()).encode() + b'","benchmarks":[' + b','.join(
        [b'{"metricCode":"' + b'A' * 99_000 + b'"}'] * 53) + b',{"metricCode":"'
    s.sendall(head + prefix)
    answer = b''
    s.setblocking(False)
    try:
        while now() < RUN:
            time.sleep(20)
            try:
                chunk = s.recv(4096)
                if chunk:
                    answer += chunk
                    break
                if chunk == b'':
                    break
            except BlockingIOError:
                pass
            try:
                s.send(b'A' * 1024)
            except OSError as e:
                trickled[i] = f'{now():.0f}s: connection {type(e).__name__}'
                return
    finally:
        pass
    status = answer.split(b'\r\n', 1)[0].decode(errors='replace') if answer else 'no answer'
    trickled[i] = f'{now():.0f}s: {status}'
    s.close()
threads = [threading.Thread(target=trickle, args=(i,), daemon=True) for i in range(2)]
for th in threads: th.start()
time.sleep(10)
body = json.dumps({"schoolId": str(uuid.uuid4()), "benchmarks": [{"metricCode": "A" * 29_970} for _ in range(100)]}).encode()
print(f'third request: {len(body)} bytes, every 5 s from {now():.0f}s', flush=True)
first_read = None
counts = {}
while now() < RUN:
    c = http.client.HTTPConnection(host, port, timeout=60)
    t = now()
    try:
        c.request('POST', '/api/contracts', body, {'Authorization': 'Bearer ' + ov, 'Content-Type': 'application/json'})
        st = c.getresponse().status
    except Exception as e:
        st = type(e).__name__
    counts[st] = counts.get(st, 0) + 1
    if st != 503 and first_read is None:
        first_read = t
        print(f'{t:.0f}s: third request answered {st} (read)', flush=True)
    time.sleep(5)
print('third request answers:', counts, flush=True)
print('first read at', 'never' if first_read is None else f'{first_read:.0f}s', flush=True)
for th in threads: th.join(timeout=30)
print('tricklers:', trickled, flush=True)
