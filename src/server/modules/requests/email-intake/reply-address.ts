import crypto from 'node:crypto';

/**
 * The Reply-To of an answer: `reponses+<jeton>@domaine`, the token naming the request and signed
 * (HMAC) so that nobody can thread a message into someone else's request. Lower-case base32:
 * mail relays may change the case of a local part, and the whole stays under 64 characters.
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const MAC_BYTES = 10;

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function unbase32(text: string): Buffer | undefined {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) return undefined;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

const mac = (key: Buffer, id: Buffer) =>
  crypto.createHmac('sha256', key).update('request-reply:').update(id).digest().subarray(0, MAC_BYTES);

export function replyAddressFor(key: Buffer, replyAddress: string, requestId: string): string {
  const [local, domain] = replyAddress.split('@');
  const id = Buffer.from(requestId.replace(/-/g, ''), 'hex');
  return `${local}+${base32(id)}${base32(mac(key, id))}@${domain}`;
}

/**
 * What a recipient address is for the reply box: not ours (`undefined`), a request id, or
 * `'invalid'` (our local part with a token that does not verify).
 */
export function parseReplyAddress(
  key: Buffer,
  replyAddress: string,
  recipient: string,
): string | 'invalid' | undefined {
  const [local, domain] = replyAddress.split('@');
  const [recipientLocal, recipientDomain] = recipient.toLowerCase().split('@');
  if (recipientDomain !== domain || !recipientLocal.startsWith(`${local}+`)) return undefined;
  const token = recipientLocal.slice(local.length + 1);
  if (token.length !== 42) return 'invalid';
  const id = unbase32(token.slice(0, 26));
  const signature = unbase32(token.slice(26));
  if (
    !id ||
    !signature ||
    id.length !== 16 ||
    signature.length !== MAC_BYTES ||
    !crypto.timingSafeEqual(signature, mac(key, id))
  )
    return 'invalid';
  const hex = id.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
