-- Sign-in and second-factor failures are counted in the platform's one counter table (request_throttle).
DROP TABLE "auth_throttle" CASCADE;
