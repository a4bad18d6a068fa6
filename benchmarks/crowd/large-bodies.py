"""Large bodies at once (crowd check H2 of the twenty-second pass): N bodies of ~10 MB at once to contracts-,
autonomy- and enrollment-service through the gateway (POST /api/contracts, POST /api/autonomy/requests/{id}/approve,
POST /api/enrollment/applicants), each shaped to be read whole; prints the answers per service. Reads GW and the
demo clients from the environment (. $PORTFOLIO_HOME/demo.env)."""
import http.client, json, os, sys, threading, time, uuid, collections
GW = os.environ['GW'].replace('http://', '')
host, port = GW.split(':')
N = int(sys.argv[1]) if len(sys.argv) > 1 else 16
def token(cid, secret):
    import base64
    c = http.client.HTTPConnection(host, int(port), timeout=30)
    auth = base64.b64encode(f"{cid}:{secret}".encode()).decode()
    c.request('POST', '/oauth/token', 'grant_type=client_credentials', {'Authorization': 'Basic ' + auth, 'Content-Type': 'application/x-www-form-urlencoded'})
    return json.loads(c.getresponse().read())['access_token']
ov = token(os.environ['OVERSIGHT_ID'], os.environ['OVERSIGHT_SECRET'])
en = token(os.environ['ENROLLMENT_OFFICER_ID'], os.environ['ENROLLMENT_OFFICER_SECRET'])
SIZE = 9_900_000
def contracts():
    per = SIZE // 100 - 30
    return json.dumps({"schoolId": str(uuid.uuid4()), "benchmarks": [{"metricCode": "A" * per} for _ in range(100)]})
def autonomy():
    per = SIZE // 50 - 10
    return json.dumps({"rationale": "x", "decisions": ["A" * per for _ in range(50)]})
def enrollment():
    per = SIZE // 10 - 10
    return json.dumps({"externalRef": "x", "firstName": "a", "lastName": "b", "flags": ["A" * per for _ in range(10)]})
targets = {
    'contracts': ('/api/contracts', ov, contracts()),
    'autonomy': (f'/api/autonomy/requests/{uuid.uuid4()}/approve', ov, autonomy()),
    'enrollment': ('/api/enrollment/applicants', en, enrollment()),
}
results = collections.defaultdict(collections.Counter)
times = collections.defaultdict(list)
def one(name):
    path, tok, body = targets[name]
    t = time.time()
    try:
        c = http.client.HTTPConnection(host, int(port), timeout=120)
        c.request('POST', path, body.encode(), {'Authorization': 'Bearer ' + tok, 'Content-Type': 'application/json'})
        r = c.getresponse(); r.read()
        results[name][r.status] += 1
    except Exception as e:
        results[name][type(e).__name__] += 1
    times[name].append(time.time() - t)
for name in targets:
    print(name, 'body bytes', len(targets[name][2]), flush=True)
    threads = [threading.Thread(target=one, args=(name,)) for _ in range(N)]
    t0 = time.time()
    for th in threads: th.start()
    for th in threads: th.join()
    print(name, dict(results[name]), 'wall %.1fs' % (time.time() - t0), 'max %.1fs' % max(times[name]), flush=True)
