// The state of one fake etcd cluster: members, leader, alarms, raft term/index and the keyspace.
import { stableId } from "./_ids.ts";
import { EtcdError, EtcdErrors, GrpcCode } from "./etcd_error.ts";
import { KvStore } from "./kv_store.ts";
import {
  canAddVoter,
  canPromote,
  canRemoveVoter,
  isStarted,
  urlsOf,
  validPeerUrls,
} from "./_quorum.ts";

/** An alarm a member can raise (`NONE` only ever appears in requests). */
export type AlarmType = "NOSPACE" | "CORRUPT";

/** One member as etcdserverpb.Member describes it; `name` stays "" until the member has started. */
export interface EtcdMember {
  readonly id: bigint;
  readonly name: string;
  readonly peerURLs: readonly string[];
  readonly clientURLs: readonly string[];
  readonly isLearner: boolean;
}

/** A raised alarm, as etcdserverpb.AlarmMember. */
export interface EtcdAlarm {
  readonly memberId: bigint;
  readonly alarm: AlarmType;
}

/** What changed, for listeners (the control API, metrics). */
export interface EtcdChange {
  readonly kind: "member-added" | "member-removed" | "member-updated" | "leader" | "alarm";
  readonly memberId: bigint;
}

/**
 * The membership state of a fake etcd cluster as plain JSON data (IDs as decimal strings), for
 * the durability journal. The keyspace is not part of it.
 */
export interface SavedEtcd {
  readonly members: readonly {
    readonly id: string;
    readonly name: string;
    readonly peerURLs: readonly string[];
    readonly clientURLs: readonly string[];
    readonly isLearner: boolean;
  }[];
  readonly leaderId?: string;
  readonly term: number;
  readonly index: number;
  readonly added: number;
  readonly removedNames: readonly string[];
  readonly alarms: readonly { readonly memberId: string; readonly alarm: AlarmType }[];
}

/** One fake etcd cluster; IDs derive from `seed` (e.g. "namespace/name"), so they are stable and repeatable. */
export class EtcdCluster {
  readonly clusterId: bigint;
  /** The server version Status reports. */
  readonly version: string;
  readonly kv = new KvStore();
  readonly #seed: string;
  #members: EtcdMember[] = [];
  #leaderId: bigint | undefined;
  #term = 1;
  #index = 1;
  #added = 0;
  readonly #removedNames = new Set<string>();
  readonly #alarms = new Map<bigint, Set<AlarmType>>();
  readonly #listeners = new Set<(change: EtcdChange) => void>();

  constructor(o: { seed: string; version?: string }) {
    this.#seed = o.seed;
    this.clusterId = stableId(`cluster/${o.seed}`);
    this.version = o.version ?? "3.5.21";
  }

  /** The members in the order they were added. */
  get members(): readonly EtcdMember[] {
    return this.#members;
  }

  /** The leader's ID; undefined only while the cluster has no member. */
  get leaderId(): bigint | undefined {
    return this.#leaderId;
  }

  /** The raft term: bumped by every leader change. */
  get raftTerm(): number {
    return this.#term;
  }

  /** The raft index: bumped by every membership, leadership, alarm or key change. */
  get raftIndex(): number {
    return this.#index;
  }

  /** The member with this ID, if any. */
  member(id: bigint): EtcdMember | undefined {
    return this.#members.find((m) => m.id === id);
  }

  /** The started member with this name, if any. */
  memberNamed(name: string): EtcdMember | undefined {
    return name === "" ? undefined : this.#members.find((m) => m.name === name);
  }

  /** The member that answers for `name` (the leader when no name is given); a removed or unknown one has stopped. */
  servingMember(name: string | undefined): EtcdMember {
    const member = name === undefined ? this.member(this.#leaderId ?? 0n) : this.memberNamed(name);
    if (member) return member;
    throw name === undefined ? EtcdErrors.noLeader() : EtcdErrors.stopped();
  }

  /** True when a member of this name is, or once was, part of the cluster (it has a serving certificate). */
  knows(name: string): boolean {
    return this.memberNamed(name) !== undefined || this.#removedNames.has(name);
  }

  /** Starts the member of node `name` at `ip` (idempotent by name; it takes over a member added for its peer URL); the first member leads. */
  addMember(name: string, ip: string, o: { learner?: boolean } = {}): EtcdMember {
    const existing = this.memberNamed(name);
    if (existing) return existing;
    const { peerURLs, clientURLs } = urlsOf(ip);
    this.#removedNames.delete(name);
    const unstarted = this.#members.find((m) => !isStarted(m) && m.peerURLs.includes(peerURLs[0]));
    if (unstarted) {
      return this.#replace({ ...unstarted, name, clientURLs }, "member-updated");
    }
    const first = this.#members.length === 0;
    const member = this.#create(name, peerURLs, clientURLs, !first && o.learner === true);
    if (first) this.#setLeader(member.id);
    return member;
  }

  /** Adds a not-yet-started member by peer URLs, as the MemberAdd call does (with etcd's checks). */
  addMemberByPeerUrls(peerURLs: readonly string[], o: { learner?: boolean } = {}): EtcdMember {
    if (!validPeerUrls(peerURLs)) throw EtcdErrors.badUrls();
    if (this.#members.some((m) => m.peerURLs.some((url) => peerURLs.includes(url)))) {
      throw EtcdErrors.peerUrlExists();
    }
    if (o.learner && this.#members.some((m) => m.isLearner)) throw EtcdErrors.tooManyLearners();
    if (!o.learner && !canAddVoter(this.#members)) throw EtcdErrors.notEnoughStarted();
    return this.#create("", [...peerURLs], [], o.learner === true);
  }

  /** Removes a member; the last voting member (or a quorum) cannot go, and a removed leader is replaced. */
  removeMember(id: bigint): void {
    const member = this.member(id);
    if (!member) throw EtcdErrors.memberNotFound();
    if (!member.isLearner && !canRemoveVoter(this.#members, id)) {
      throw EtcdErrors.notEnoughStarted();
    }
    this.#members = this.#members.filter((m) => m.id !== id);
    if (isStarted(member)) this.#removedNames.add(member.name);
    this.#alarms.delete(id);
    this.#changed("member-removed", id);
    if (this.#leaderId === id) {
      const next = this.#members.find((m) => !m.isLearner && isStarted(m));
      this.#setLeader(next?.id);
    }
  }

  /** Transfers leadership as MoveLeader does: only the leader may, and only to a voting member. */
  moveLeader(fromId: bigint, targetId: bigint): void {
    if (fromId !== this.#leaderId) throw EtcdErrors.notLeader();
    const target = this.member(targetId);
    if (!target || target.isLearner || !isStarted(target)) throw EtcdErrors.badLeaderTransferee();
    if (targetId !== fromId) this.#setLeader(targetId);
  }

  /** Makes a learner a voting member, as MemberPromote does. */
  promote(id: bigint): EtcdMember {
    const member = this.member(id);
    if (!member) throw EtcdErrors.memberNotFound();
    if (!member.isLearner) throw EtcdErrors.memberNotLearner();
    if (!isStarted(member)) throw EtcdErrors.learnerNotReady();
    if (!canPromote(this.#members)) throw EtcdErrors.notEnoughStarted();
    return this.#replace({ ...member, isLearner: false }, "member-updated");
  }

  /** Changes a member's peer URLs, as MemberUpdate does. */
  update(id: bigint, peerURLs: readonly string[]): EtcdMember {
    const member = this.member(id);
    if (!member) throw EtcdErrors.memberNotFound();
    if (!validPeerUrls(peerURLs)) throw EtcdErrors.badUrls();
    const others = this.#members.filter((m) => m.id !== id);
    if (others.some((m) => m.peerURLs.some((url) => peerURLs.includes(url)))) {
      throw EtcdErrors.peerUrlExists();
    }
    return this.#replace({ ...member, peerURLs: [...peerURLs] }, "member-updated");
  }

  /** The raised alarms, all of them or only those of one type. */
  alarms(type?: AlarmType): EtcdAlarm[] {
    return [...this.#alarms].flatMap(([memberId, alarms]) =>
      [...alarms].filter((a) => type === undefined || a === type).map((alarm) => ({
        memberId,
        alarm,
      }))
    );
  }

  /** Raises or clears an alarm of a member; returns the alarms that actually changed. */
  setAlarm(memberId: bigint, alarm: AlarmType, active: boolean): EtcdAlarm[] {
    if (!this.member(memberId)) throw EtcdErrors.memberNotFound();
    const alarms = this.#alarms.get(memberId) ?? new Set<AlarmType>();
    if (alarms.has(alarm) === active) return [];
    if (active) alarms.add(alarm);
    else alarms.delete(alarm);
    if (alarms.size > 0) this.#alarms.set(memberId, alarms);
    else this.#alarms.delete(memberId);
    this.#changed("alarm", memberId);
    return [{ memberId, alarm }];
  }

  /** Makes the started voting member `id` the leader, as a raft election would (no leader check). */
  /** Leaves the cluster without a leader (a chaos state): Status reports leader 0, writes and linearizable reads fail with "no leader". */
  dropLeader(): void {
    if (this.#leaderId !== undefined) this.#setLeader(undefined);
  }

  elect(id: bigint): void {
    const member = this.member(id);
    if (!member) throw EtcdErrors.memberNotFound();
    if (member.isLearner || !isStarted(member)) throw EtcdErrors.badLeaderTransferee();
    if (id !== this.#leaderId) this.#setLeader(id);
  }

  /** Turns a member into a learner or back into a voter without etcd's checks; the leader stays a voter. */
  setLearner(id: bigint, learner: boolean): void {
    const member = this.member(id);
    if (!member) throw EtcdErrors.memberNotFound();
    if (learner && id === this.#leaderId) {
      throw new EtcdError(GrpcCode.FailedPrecondition, "Cannot make the etcd leader a learner");
    }
    if (member.isLearner !== learner) {
      this.#replace({ ...member, isLearner: learner }, "member-updated");
    }
  }

  /** Stores a key (Put); a NOSPACE or CORRUPT alarm refuses writes as etcd does. */
  put(key: Uint8Array, value: Uint8Array) {
    this.checkWritable();
    if (key.length === 0) throw EtcdErrors.emptyKey();
    this.#index++;
    return this.kv.put(key, value);
  }

  /** Throws etcd's error for the first alarm that stops writes. */
  checkWritable(): void {
    if (this.alarms("CORRUPT").length > 0) throw EtcdErrors.corrupt();
    if (this.alarms("NOSPACE").length > 0) throw EtcdErrors.noSpace();
  }

  /** Members, leader, raft term and index, alarms as data (see `SavedEtcd`). */
  save(): SavedEtcd {
    return {
      members: this.#members.map((m) => ({ ...m, id: String(m.id) })),
      ...(this.#leaderId === undefined ? {} : { leaderId: String(this.#leaderId) }),
      term: this.#term,
      index: this.#index,
      added: this.#added,
      removedNames: [...this.#removedNames],
      alarms: this.alarms().map((a) => ({ memberId: String(a.memberId), alarm: a.alarm })),
    };
  }

  /** Takes back a saved state (a restart), telling no listener: nothing changed for clients. */
  restoreSaved(saved: SavedEtcd): void {
    this.#members = saved.members.map((m) => ({
      ...m,
      id: BigInt(m.id),
      peerURLs: [...m.peerURLs],
      clientURLs: [...m.clientURLs],
    }));
    this.#leaderId = saved.leaderId === undefined ? undefined : BigInt(saved.leaderId);
    this.#term = saved.term;
    this.#index = saved.index;
    this.#added = saved.added;
    this.#removedNames.clear();
    for (const name of saved.removedNames) this.#removedNames.add(name);
    this.#alarms.clear();
    for (const { memberId, alarm } of saved.alarms) {
      const id = BigInt(memberId);
      this.#alarms.set(id, (this.#alarms.get(id) ?? new Set()).add(alarm));
    }
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: (change: EtcdChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #create(name: string, peerURLs: string[], clientURLs: string[], isLearner: boolean): EtcdMember {
    let id = 0n;
    while (id === 0n || this.member(id)) {
      id = stableId(`${this.#seed}/${peerURLs}/${this.#added++}`);
    }
    const member: EtcdMember = { id, name, peerURLs, clientURLs, isLearner };
    this.#members = [...this.#members, member];
    this.#changed("member-added", id);
    return member;
  }

  #replace(member: EtcdMember, kind: EtcdChange["kind"]): EtcdMember {
    this.#members = this.#members.map((m) => m.id === member.id ? member : m);
    this.#changed(kind, member.id);
    return member;
  }

  #setLeader(id: bigint | undefined): void {
    this.#leaderId = id;
    this.#term++;
    this.#changed("leader", id ?? 0n);
  }

  #changed(kind: EtcdChange["kind"], memberId: bigint): void {
    this.#index++;
    for (const listener of this.#listeners) listener({ kind, memberId });
  }
}
