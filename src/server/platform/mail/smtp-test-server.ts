/**
 * Temporary: the old name of `src/server/test/peers/smtp-peer.ts`, kept only for
 * `modules/identity/users.routes.test.ts` until that file imports the peer itself (the identity
 * module is being converted elsewhere). Imported by no other file; delete it then, with its line
 * in `module-boundaries.test.ts`.
 */
export {
  decodeBody,
  startSmtpPeer as startTestSmtpServer,
  type SmtpPeer as TestSmtpServer,
} from '../../test/peers/smtp-peer.ts';
