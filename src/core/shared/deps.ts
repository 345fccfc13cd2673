import type { Clock, Store } from './ports';
import type { IdGenerator } from './ids';

/** What every use case may use; drivers pass more (dispatch), use cases take what they need. */
export interface CoreDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
}
