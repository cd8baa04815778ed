-- wrk script for bench/run.sh: POSTs pre-built JSON review bodies in turn.
-- Environment:
--   BENCH_DATA      Lua file written by `BenchMain lua` (required)
--   BENCH_SET       mix | typical | typical_deep | trivial_deep (default mix)
--   BENCH_PATH      request path (default /api/reviews?wait=5; /bench/echo for the ceiling)
--   BENCH_DELAY_MS  pause of each connection between a response and its next request
--                   (0 = closed loop at full speed; >0 = rate-limited run, see bench/README.md)
--   BENCH_MAX_REQ   stop after this many requests per thread (default 10,000,000)
-- done() prints one machine-readable line "BENCH_RESULT key=value ..." (latencies in µs).

local threads = {}
local thread_no = 0

function setup(thread)
  thread_no = thread_no + 1
  thread:set("no", thread_no)
  table.insert(threads, thread)
end

local reqs = {}
local n = 0
local sent = 0
local max_req = tonumber(os.getenv("BENCH_MAX_REQ") or "10000000")
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
c200, c202, cother = 0, 0, 0

function init(args)
  local data = dofile(os.getenv("BENCH_DATA"))
  local bodies = data[os.getenv("BENCH_SET") or "mix"]
  assert(bodies and #bodies > 0, "unknown BENCH_SET")
  local path = os.getenv("BENCH_PATH") or "/api/reviews?wait=5"
  wrk.headers["Content-Type"] = "application/json"
  for i, b in ipairs(bodies) do
    reqs[i] = wrk.format("POST", path, nil, b)
  end
  n = ((no or 1) * 7) % #reqs  -- threads start at different bodies
end

function request()
  sent = sent + 1
  if sent > max_req then
    wrk.thread:stop()
  end
  n = n + 1
  if n > #reqs then n = 1 end
  return reqs[n]
end

if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function response(status, headers, body)
  if status == 200 then
    c200 = c200 + 1
  elseif status == 202 then
    c202 = c202 + 1
  else
    cother = cother + 1
  end
end

function done(summary, latency, requests)
  local s200, s202, sother = 0, 0, 0
  for _, t in ipairs(threads) do
    s200 = s200 + (t:get("c200") or 0)
    s202 = s202 + (t:get("c202") or 0)
    sother = sother + (t:get("cother") or 0)
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_s=%.3f rps=%.1f p50_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.0f "
      .. "status_200=%d status_202=%d status_other=%d err_connect=%d err_read=%d err_write=%d err_timeout=%d bytes=%d\n",
    summary.requests, secs, summary.requests / secs, latency:percentile(50), latency:percentile(99),
    latency:percentile(99.9), latency.max, latency.mean, s200, s202, sother, e.connect, e.read, e.write,
    e.timeout, summary.bytes))
end
