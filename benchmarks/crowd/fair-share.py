"""A fair share under a crowd (crowd check M6 of the twenty-second pass): 4 clients x 64 threads post ~10 MB bodies
to contracts-service through the gateway for 40 s while a fifth client reads a school (GET /api/schools/{id}) every
100 ms; prints the fifth client's latencies, idle and under the flood, and the flood's answers. Reads GW and the demo
clients from the environment (. $PORTFOLIO_HOME/demo.env)."""
import http.client, json, os, threading, time, uuid, collections, base64
host, port = os.environ['GW'].replace('http://', '').split(':')
def token(cid, secret):
    c = http.client.HTTPConnection(host, int(port), timeout=30)
    auth = base64.b64encode(f"{cid}:{secret}".encode()).decode()
    c.request('POST', '/oauth/token', 'grant_type=client_credentials', {'Authorization': 'Basic ' + auth, 'Content-Type': 'application/x-www-form-urlencoded'})
    return json.loads(c.getresponse().read())['access_token']
flooders = [token(os.environ[r + '_ID'], os.environ[r + '_SECRET']) for r in ('OVERSIGHT', 'COMMISSION', 'ENROLLMENT_OFFICER', 'SIS')]
leader = token(os.environ['SCHOOL_LEADER_ID'], os.environ['SCHOOL_LEADER_SECRET'])
school = os.environ['LEADER_SCHOOL']
per = 9_900_000 // 100 - 30
body = json.dumps({"schoolId": str(uuid.uuid4()), "benchmarks": [{"metricCode": "A" * per} for _ in range(100)]}).encode()
statuses = collections.Counter()
stop = False
def flood(tok):
    while not stop:
        try:
            c = http.client.HTTPConnection(host, int(port), timeout=120)
            c.request('POST', '/api/contracts', body, {'Authorization': 'Bearer ' + tok, 'Content-Type': 'application/json'})
            r = c.getresponse(); r.read(); statuses[r.status] += 1; c.close()
        except Exception as e:
            statuses[type(e).__name__] += 1
lat = []
def probe(duration):
    end = time.time() + duration
    while time.time() < end:
        t = time.time()
        try:
            c = http.client.HTTPConnection(host, int(port), timeout=60)
            c.request('GET', f'/api/schools/{school}', headers={'Authorization': 'Bearer ' + leader})
            r = c.getresponse(); r.read(); c.close()
            lat.append((time.time() - t, r.status))
        except Exception as e:
            lat.append((time.time() - t, type(e).__name__))
        time.sleep(0.1)
probe(5); idle = sorted(x[0] for x in lat); lat.clear()
threads = [threading.Thread(target=flood, args=(tok,)) for tok in flooders for _ in range(64)]
for th in threads: th.start()
time.sleep(3)
probe(40)
stop = True
for th in threads: th.join()
ls = sorted(x[0] for x in lat)
q = lambda a, p: a[min(len(a) - 1, int(len(a) * p))] * 1000
print('idle probe ms: p50 %.0f p95 %.0f max %.0f (n=%d)' % (q(idle, .5), q(idle, .95), idle[-1] * 1000, len(idle)))
print('under flood probe ms: p50 %.0f p95 %.0f max %.0f (n=%d) statuses %s' % (q(ls, .5), q(ls, .95), ls[-1] * 1000, len(ls), collections.Counter(x[1] for x in lat)))
print('flood statuses', dict(statuses))
