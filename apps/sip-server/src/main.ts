import pino from 'pino';
import { usePlainProcessEnv } from '@branchline/config';
import { loadConfig } from './config/sip-server.config';
import { tlsSettingsOf } from './config/tls-config';
import { startSipServer } from './start-sip-server';

async function main(): Promise<void> {
  // the SIP parser reads the environment per header line: a plain copy makes that a property read
  usePlainProcessEnv();
  let cfg;
  try {
    cfg = loadConfig(process.env);
  } catch (err) {
    // the logger's level is itself configuration, so report with a default logger
    pino().fatal((err as Error).message);
    process.exit(1);
  }
  const logger = pino({ level: cfg.LOG_LEVEL, name: 'sip-server' });
  const server = await startSipServer({
    listen: cfg.SIP_LISTEN,
    advertisedAddress: cfg.SIP_ADVERTISED_ADDRESS,
    drachtioHost: cfg.DRACHTIO_HOST,
    drachtioPort: cfg.DRACHTIO_PORT,
    secret: cfg.DRACHTIO_SECRET,
    timers: { t1: cfg.SIP_T1_MS, t2: cfg.SIP_T2_MS, t4: cfg.SIP_T4_MS, timerC: cfg.SIP_TIMER_C_MS },
    maxMessageBytes: cfg.SIP_MAX_MESSAGE_BYTES,
    udpRecvBufferBytes: cfg.SIP_UDP_RECV_BUFFER_BYTES,
    rateLimitPerSource: cfg.SIP_RATE_LIMIT_PER_SOURCE,
    rateLimitBurst: cfg.SIP_RATE_LIMIT_BURST,
    tcpMaxConnectionsPerSource: cfg.SIP_TCP_MAX_CONNECTIONS_PER_SOURCE,
    tcpMessageTimeoutMs: cfg.SIP_TCP_MESSAGE_TIMEOUT_MS,
    tcpIdleTimeoutMs: cfg.SIP_TCP_IDLE_TIMEOUT_SECONDS * 1000,
    tls: tlsSettingsOf(cfg),
    dialogMaxLifetimeMs: cfg.SIP_DIALOG_MAX_SECONDS * 1000,
    inviteAnswerTimeoutMs: cfg.SIP_INVITE_ANSWER_TIMEOUT_SECONDS * 1000,
    logger,
  });
  logger.info({ sip: server.hostports, drachtioPort: server.drachtioPort }, 'sip-server listening');
  // The first SIGTERM/SIGINT drains (calls in progress go on, up to SIP_DRAIN_TIMEOUT_SECONDS),
  // a second one closes at once.
  let stopping = false;
  const shutdown = (signal: string) => {
    const drain = !stopping;
    stopping = true;
    logger.info({ signal, drainSeconds: drain ? cfg.SIP_DRAIN_TIMEOUT_SECONDS : 0, calls: server.core.callsInProgress }, drain ? 'draining' : 'shutting down');
    (drain ? server.drain(cfg.SIP_DRAIN_TIMEOUT_SECONDS * 1000) : Promise.resolve('closing'))
      .then((outcome) => {
        if (drain) logger.info({ outcome, calls: server.core.callsInProgress }, 'drained; shutting down');
        return server.close();
      })
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  // new certificates (a renewal) without dropping a connection: new handshakes get them
  process.on('SIGHUP', () => {
    try {
      server.reloadCertificates();
      logger.info('tls certificates reloaded');
    } catch (err) {
      logger.error({ err }, 'tls certificates not reloaded: keeping the ones in use');
    }
  });
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // A bug in one call's handling must not drop every other call.
  process.on('uncaughtException', (err) => logger.error({ err }, 'uncaught exception'));
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
}

void main();
