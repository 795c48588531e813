-- Anti-abuse counters (per address, per client application, per e-mail sender) need no crash
-- durability: losing them on a crash only restarts their windows. Unlogged, their upsert writes no
-- WAL, so the public intake's counter commit waits for no disk flush (bench:intake, bench/README.md).
-- Still transactional: a counter updated in a request's or booking's transaction commits with it.
ALTER TABLE "request_throttle" SET UNLOGGED;
