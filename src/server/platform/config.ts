import path from 'node:path';

/** Every setting of the platform, read once from the environment (documented in the README). */
export interface Config {
  port: number;
  host: string;
  /** Absent: embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** `demo` loads the demo data into an empty database; default: demo on the embedded database, none on a server. */
  seed: 'demo' | 'none';
  publicUrl: string;
  nodeEnv: string;
  logLevel: string;
  /** Run the job worker inside the web process (`npm start`); `npm run worker` runs it alone. */
  runWorker: boolean;
  /** Largest accepted request body, bytes. */
  bodyLimit: number;
  /** Cron (UTC) of the daily retention purge. */
  retentionCron: string;
  /** How often each process re-checks the territory cache version, ms (LISTEN/NOTIFY makes it instant on a server). */
  cachePollMs: number;
  /** Days an audit event is kept before the retention purge removes it. */
  auditRetentionDays: number;
  mapTilesUrl: string | undefined;
  mapTilesAttribution: string | undefined;
  /** National address API (BAN) root; absent: address search is off (the pages ask for a map click). */
  geocoderUrl: string | undefined;
  geocoderTimeoutMs: number;
  /** Address searches one source address may make per minute (public endpoint, counted in memory per process). */
  addressSearchesPerMinute: number;
  /** Key material for sealing TOTP secrets and signing device cookies; generated in DATA_DIR when absent. */
  secretKey: string | undefined;
  /** A session ends after this long without a request… */
  sessionIdleSeconds: number;
  /** …and this long after sign-in, whatever happens. */
  sessionMaxSeconds: number;
  /** Demo accounts and the demo banner exist only outside production. */
  production: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  proconnect: { issuer: string; clientId: string; clientSecret: string } | undefined;
}

export class ConfigError extends Error {}

function readInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new ConfigError(`${name} doit être un entier positif (reçu « ${raw} »)`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = readInt(env, 'PORT', 3000);
  const seed = env.SEED || (env.DATABASE_URL || env.NODE_ENV === 'production' ? 'none' : 'demo');
  if (seed !== 'demo' && seed !== 'none')
    throw new ConfigError(`SEED doit valoir « demo » ou « none » (reçu « ${seed} »)`);
  const host = env.HOST ?? '0.0.0.0';
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    seed,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    nodeEnv: env.NODE_ENV ?? 'development',
    logLevel: env.LOG_LEVEL ?? 'info',
    runWorker: env.RUN_WORKER !== 'false',
    bodyLimit: readInt(env, 'BODY_LIMIT_BYTES', 20 * 1024 * 1024),
    retentionCron: env.RETENTION_CRON ?? '15 3 * * *',
    cachePollMs: readInt(env, 'CACHE_POLL_MS', 5000),
    auditRetentionDays: readInt(env, 'AUDIT_RETENTION_DAYS', 3 * 365),
    mapTilesUrl: env.MAP_TILES_URL || undefined,
    mapTilesAttribution: env.MAP_TILES_ATTRIBUTION || undefined,
    geocoderUrl: env.GEOCODER_URL || undefined,
    geocoderTimeoutMs: readInt(env, 'GEOCODER_TIMEOUT_MS', 3000),
    addressSearchesPerMinute: readInt(env, 'ADDRESS_SEARCHES_PER_MINUTE', 30),
    secretKey: env.SECRET_KEY || undefined,
    sessionIdleSeconds: env.SESSION_IDLE_SECONDS
      ? readInt(env, 'SESSION_IDLE_SECONDS', 1800)
      : readInt(env, 'SESSION_IDLE_MINUTES', 30) * 60,
    sessionMaxSeconds: readInt(env, 'SESSION_MAX_HOURS', 12) * 3600,
    production: (env.NODE_ENV ?? 'development') === 'production',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'PSQ <ne-pas-repondre@psq.localhost>',
    proconnect:
      env.PROCONNECT_ISSUER && env.PROCONNECT_CLIENT_ID && env.PROCONNECT_CLIENT_SECRET
        ? {
            issuer: env.PROCONNECT_ISSUER,
            clientId: env.PROCONNECT_CLIENT_ID,
            clientSecret: env.PROCONNECT_CLIENT_SECRET,
          }
        : undefined,
  };
}
