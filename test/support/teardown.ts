/**
 * Closes what a fixture started, also when a later start-up step throws: a Playground or Azurite left running
 * after a failed set-up keeps Jest's workers alive and the run never ends.
 */
export class Teardown {
  private readonly closers: Array<() => unknown> = [];
  private readonly starting = new Set<Promise<unknown>>();

  /** Registers a started resource's close and hands the resource back. */
  add<T>(resource: T, close: (resource: T) => unknown): T {
    this.closers.push(() => close(resource));
    return resource;
  }

  /**
   * For starts that run in parallel (Promise.all): the resource is registered once it is up, and run()
   * waits for every start still under way, so a sibling's failure cannot orphan it.
   */
  track<T>(starting: Promise<T>, close: (resource: T) => unknown): Promise<T> {
    const registered = starting.then((resource) => this.add(resource, close));
    this.starting.add(registered);
    return registered;
  }

  /** Closes everything in reverse start order; every close runs even if one throws, then the first error is thrown. */
  async run(): Promise<void> {
    await Promise.allSettled(this.starting);
    this.starting.clear();
    const errors: unknown[] = [];
    for (const close of this.closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  }
}

/** Runs a multi-step start-up; if any step throws, whatever the earlier steps registered is closed first. */
export async function startOrTearDown<T>(start: (teardown: Teardown) => Promise<T>): Promise<T> {
  const teardown = new Teardown();
  try {
    return await start(teardown);
  } catch (error) {
    await teardown.run().catch(() => undefined);
    throw error;
  }
}
