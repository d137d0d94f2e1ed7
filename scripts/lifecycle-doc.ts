/** Prints docs/lifecycle.md from the lifecycle table, so the document cannot drift from the rules. */
import { renderLifecycleDoc } from '../src/domain/lifecycle-doc.ts';

process.stdout.write(renderLifecycleDoc());
