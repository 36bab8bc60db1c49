// npm run build (scripts/build-main.ts), its modules loaded through Node's compile cache: turned on
// before they are imported, which a static import would do before any line here runs.
import { useCompileCache } from '../src/lib/common/compile-cache.ts';

useCompileCache();
await import('./build-main.ts');
