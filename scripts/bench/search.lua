-- wrk script: each request is a keyword search with two facets, rotating
-- through realistic combinations so no single response dominates.
-- Usage: wrk -t2 -c32 -d30s --latency -s search.lua http://127.0.0.1:8080
local words  = {"data", "analyst", "developer", "policy", "security", "donnees", "analyste", "developpeur", "communications", "program", "research", "project", "service", "database", "evaluation"}
local cities = {"toronto", "ottawa", "gatineau", "montreal", "hamilton", "london", "kingston", "vancouver", "halifax", "winnipeg"}
local modes  = {"onsite", "hybrid", "remote", "currently-remote"}
local types  = {"coop", "internship", "student", "term", "permanent"}
local paths = {}
for i = 1, 500 do
  local w = words[(i % #words) + 1]
  local c = cities[(i * 7 % #cities) + 1]
  local second
  if i % 2 == 0 then second = "mode=" .. modes[(i * 3 % #modes) + 1] else second = "type=" .. types[(i * 5 % #types) + 1] end
  paths[i] = string.format("%s?q=%s&city=%s&%s", PATH or "/api/v1/postings", w, c, second)
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
