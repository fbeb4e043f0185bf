-- wrk script: posting pages, rotating over ids 1..N (set N in the environment of the caller by editing MAXID).
local MAXID = tonumber(os.getenv("MAXID") or "1000")
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", string.format("/en/jobs/%d", (n * 7919 % MAXID) + 1))
end
