import type { Destination } from '../transport/transport-layer';

/** One lingering response as a caller sees it; the bytes are a copy, safe to hand to a socket. */
export interface CompletedResponse {
  response: Buffer;
  dest: Destination;
}

export interface CompletedResponsesOptions {
  /** bytes per slab (default 1 MiB); a record larger than a slab is refused */
  slabBytes?: number;
  /** slabs alive at most (default 512); when all are in use, new records are refused */
  maxSlabs?: number;
}

// Record layout: until (float64) | hash (int32) | port (uint16) | transport (uint8) |
// key length (uint16) | address length (uint8) | response length (uint32) | key | address | response
const HEADER = 22;
const OFFSET_BITS = 20;
const TRANSPORTS = ['udp', 'tcp', 'tls'] as const;

/** 30-bit FNV-1a of a string's UTF-16 code units: small enough to stay a V8 small integer. */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h & 0x3fffffff;
}

/**
 * Final responses of completed non-INVITE server transactions over UDP, kept for Timer J
 * (64*T1, RFC 3261 §17.2.2) only to answer retransmitted requests.
 *
 * At 2,000 registrations/s some 130,000 of them are alive at once. Kept as JavaScript objects
 * (key string, Buffer, destination, Map entry) they were most of the server's heap: all of it
 * survived into the old generation, and marking it made a full GC every few seconds a 30-50 ms
 * stall. Here each record is bytes in a large off-heap slab, appended in completion order, so
 * expiry is a read position moving forward, and the index maps a 30-bit hash of the key to the
 * record's position: small integers, no heap object per entry. Keys whose hash another live
 * record already holds go to a second, string-keyed map (a handful at any time).
 */
export class CompletedResponses {
  private readonly slabBytes: number;
  private readonly maxSlabs: number;
  private readonly slabs: (Buffer | undefined)[];
  /** bytes written into each slab */
  private readonly used: Int32Array;
  private readonly spare: Buffer[] = [];
  private readonly byHash = new Map<number, number>();
  private readonly collided = new Map<string, number>();
  private headSlot = 0;
  private headOffset = 0;
  private tailSlot = 0;
  private count = 0;

  constructor(o: CompletedResponsesOptions = {}) {
    this.slabBytes = o.slabBytes ?? 1 << OFFSET_BITS;
    this.maxSlabs = o.maxSlabs ?? 512;
    if (this.slabBytes > 1 << OFFSET_BITS || this.maxSlabs > 512) throw new RangeError('positions must stay below 2^29');
    this.slabs = new Array(this.maxSlabs).fill(undefined);
    this.used = new Int32Array(this.maxSlabs);
  }

  get size(): number {
    return this.count;
  }

  /**
   * Keeps `response` for `key` until `until` (ms). False when it cannot be kept (larger than a
   * slab, or every slab in use): the caller keeps the transaction itself instead.
   * Records must be added in order of `until`.
   */
  add(key: string, response: Buffer, dest: Destination, until: number): boolean {
    const keyBytes = Buffer.byteLength(key, 'utf8');
    const addrBytes = Buffer.byteLength(dest.address, 'utf8');
    const size = HEADER + keyBytes + addrBytes + response.length;
    if (size > this.slabBytes || keyBytes > 0xffff || addrBytes > 0xff) return false;
    if (!this.slabs[this.tailSlot]) this.slabs[this.tailSlot] = this.newSlab();
    if (this.used[this.tailSlot] + size > this.slabBytes) {
      const next = (this.tailSlot + 1) % this.maxSlabs;
      if (next === this.headSlot) return false;
      this.tailSlot = next;
      this.slabs[next] = this.newSlab();
      this.used[next] = 0;
    }
    const slab = this.slabs[this.tailSlot] as Buffer;
    const at = this.used[this.tailSlot];
    const hash = keyHash(key);
    slab.writeDoubleLE(until, at);
    slab.writeInt32LE(hash, at + 8);
    slab.writeUInt16LE(dest.port, at + 12);
    slab.writeUInt8(TRANSPORTS.indexOf(dest.transport), at + 14);
    slab.writeUInt16LE(keyBytes, at + 15);
    slab.writeUInt8(addrBytes, at + 17);
    slab.writeUInt32LE(response.length, at + 18);
    slab.write(key, at + HEADER, keyBytes, 'utf8');
    slab.write(dest.address, at + HEADER + keyBytes, addrBytes, 'utf8');
    response.copy(slab, at + HEADER + keyBytes + addrBytes);
    this.used[this.tailSlot] = at + size;

    const position = (this.tailSlot << OFFSET_BITS) | at;
    const holder = this.byHash.get(hash);
    if (holder === undefined || this.keyAt(holder) === key) this.byHash.set(hash, position);
    else this.collided.set(key, position);
    this.count++;
    return true;
  }

  get(key: string): CompletedResponse | undefined {
    const position = this.byHash.get(keyHash(key));
    if (position !== undefined && this.keyAt(position) === key) return this.read(position);
    const other = this.collided.size ? this.collided.get(key) : undefined;
    return other === undefined ? undefined : this.read(other);
  }

  /** Forgets every record due by `now`. */
  sweep(now: number): void {
    while (this.count > 0) {
      if (this.headOffset >= this.used[this.headSlot]) {
        // this slab is spent and a later one holds the rest
        this.release(this.headSlot);
        this.headSlot = (this.headSlot + 1) % this.maxSlabs;
        this.headOffset = 0;
        continue;
      }
      const slab = this.slabs[this.headSlot] as Buffer;
      const at = this.headOffset;
      if (slab.readDoubleLE(at) > now) return;
      const position = (this.headSlot << OFFSET_BITS) | at;
      const hash = slab.readInt32LE(at + 8);
      if (this.byHash.get(hash) === position) this.byHash.delete(hash);
      else if (this.collided.size) {
        const key = this.keyAt(position);
        if (this.collided.get(key) === position) this.collided.delete(key);
      }
      this.headOffset = at + this.recordSize(slab, at);
      this.count--;
    }
    // empty: start over at the slab the writer is on
    this.headSlot = this.tailSlot;
    this.headOffset = 0;
    this.used[this.tailSlot] = 0;
  }

  clear(): void {
    this.byHash.clear();
    this.collided.clear();
    this.slabs.fill(undefined);
    this.used.fill(0);
    this.spare.length = 0;
    this.headSlot = this.tailSlot = this.headOffset = this.count = 0;
  }

  private newSlab(): Buffer {
    return this.spare.pop() ?? Buffer.allocUnsafeSlow(this.slabBytes);
  }

  private release(slot: number): void {
    const slab = this.slabs[slot];
    this.slabs[slot] = undefined;
    this.used[slot] = 0;
    // a few spent slabs are reused rather than returned to the allocator
    if (slab && this.spare.length < 4) this.spare.push(slab);
  }

  private recordSize(slab: Buffer, at: number): number {
    return HEADER + slab.readUInt16LE(at + 15) + slab.readUInt8(at + 17) + slab.readUInt32LE(at + 18);
  }

  private keyAt(position: number): string {
    const slab = this.slabs[position >>> OFFSET_BITS] as Buffer;
    const at = position & ((1 << OFFSET_BITS) - 1);
    return slab.toString('utf8', at + HEADER, at + HEADER + slab.readUInt16LE(at + 15));
  }

  private read(position: number): CompletedResponse {
    const slab = this.slabs[position >>> OFFSET_BITS] as Buffer;
    const at = position & ((1 << OFFSET_BITS) - 1);
    const keyBytes = slab.readUInt16LE(at + 15);
    const addrBytes = slab.readUInt8(at + 17);
    const start = at + HEADER + keyBytes + addrBytes;
    return {
      response: Buffer.from(slab.subarray(start, start + slab.readUInt32LE(at + 18))),
      dest: {
        transport: TRANSPORTS[slab.readUInt8(at + 14)],
        address: slab.toString('utf8', at + HEADER + keyBytes, at + HEADER + keyBytes + addrBytes),
        port: slab.readUInt16LE(at + 12),
      },
    };
  }
}
