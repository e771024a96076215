import { MailboxQueue, MailboxQueueTimeout } from '../../src/graph/mailbox-queue';

/** A piece of work the test finishes by hand, so "in flight" is exact, not a matter of timing. */
function heldWork() {
  let finish: () => void = () => {};
  let started = false;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    run: async () => {
      started = true;
      await done;
    },
    get started() {
      return started;
    },
    finish: () => finish(),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const LATER = () => Date.now() + 60_000;

describe('MailboxQueue', () => {
  test('runs at most `limit` requests of one mailbox at once, the others in arrival order', async () => {
    const queue = new MailboxQueue(2);
    const works = Array.from({ length: 5 }, heldWork);
    const runs = works.map((work) => queue.run('group-a', LATER(), work.run));
    await settle();

    expect(works.map((work) => work.started)).toEqual([true, true, false, false, false]);
    expect(queue.stateOf('group-a')).toEqual({ inFlight: 2, waiting: 3 });

    works[1].finish();
    await settle();
    expect(works.map((work) => work.started)).toEqual([true, true, true, false, false]);

    for (const work of works) work.finish();
    await Promise.all(runs);
    expect(works.every((work) => work.started)).toBe(true);
    expect(queue.stateOf('group-a')).toEqual({ inFlight: 0, waiting: 0 });
  });

  test('mailboxes do not wait for each other', async () => {
    const queue = new MailboxQueue(1);
    const busy = heldWork();
    const other = heldWork();
    const running = queue.run('group-a', LATER(), busy.run);
    const elsewhere = queue.run('group-b', LATER(), other.run);
    await settle();

    expect(other.started).toBe(true);
    other.finish();
    busy.finish();
    await Promise.all([running, elsewhere]);
  });

  test('a request whose turn does not come before its deadline fails without running, and leaves the queue', async () => {
    jest.useFakeTimers();
    try {
      const queue = new MailboxQueue(1);
      const busy = heldWork();
      const late = heldWork();
      const running = queue.run('group-a', Date.now() + 60_000, busy.run);
      const waiting = queue.run('group-a', Date.now() + 1_000, late.run);
      const outcome = waiting.catch((error: unknown) => error);

      jest.advanceTimersByTime(1_000);
      const error = await outcome;

      expect(error).toBeInstanceOf(MailboxQueueTimeout);
      expect(late.started).toBe(false);
      expect(queue.stateOf('group-a')).toEqual({ inFlight: 1, waiting: 0 });
      busy.finish();
      await running;
    } finally {
      jest.useRealTimers();
    }
  });

  test('a deadline already past fails at once, even with a free turn', async () => {
    const queue = new MailboxQueue(4);
    const work = heldWork();

    await expect(queue.run('group-a', Date.now() - 1, work.run)).rejects.toBeInstanceOf(MailboxQueueTimeout);
    expect(work.started).toBe(false);
  });

  test('a request that fails gives its turn to the next one', async () => {
    const queue = new MailboxQueue(1);
    const next = heldWork();
    const failing = queue.run('group-a', LATER(), async () => {
      throw new Error('Graph said no');
    });
    const after = queue.run('group-a', LATER(), next.run);

    await expect(failing).rejects.toThrow('Graph said no');
    await settle();
    expect(next.started).toBe(true);
    next.finish();
    await after;
  });

  test('onWait runs only for a request that has to queue, and it keeps its place meanwhile', async () => {
    const queue = new MailboxQueue(1);
    const first = heldWork();
    const second = heldWork();
    const waited: string[] = [];
    const running = queue.run('group-a', LATER(), first.run, async () => {
      waited.push('first');
    });
    const queued = queue.run('group-a', LATER(), second.run, async () => {
      waited.push('second');
    });
    await settle();

    expect(waited).toEqual(['second']);
    expect(queue.stateOf('group-a')).toEqual({ inFlight: 1, waiting: 1 });
    first.finish();
    await settle();
    expect(second.started).toBe(true);
    second.finish();
    await Promise.all([running, queued]);
  });

  test('when onWait fails the request gives up its place or its turn, and the error is the caller’s', async () => {
    const queue = new MailboxQueue(1);
    const first = heldWork();
    const third = heldWork();
    const running = queue.run('group-a', LATER(), first.run);
    const failing = queue.run(
      'group-a',
      LATER(),
      async () => {},
      async () => {
        throw new Error('storage down');
      },
    );
    const after = queue.run('group-a', LATER(), third.run);

    first.finish();
    await expect(failing).rejects.toThrow('storage down');
    await settle();
    expect(third.started).toBe(true);
    third.finish();
    await Promise.all([running, after]);
    expect(queue.stateOf('group-a')).toEqual({ inFlight: 0, waiting: 0 });
  });
});
