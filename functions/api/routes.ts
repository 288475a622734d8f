import type { Dependencies } from '../../shared/runtime/composition.js';
import type { Route } from '../../shared/runtime/http/router.js';
import { customerRoutes } from './routes/customer.js';
import { staffRoutes } from './routes/staff.js';
import { slaRoutes } from './routes/sla.js';
import { commitmentRoutes } from './routes/commitments.js';

/** Every route of the API, one module per area under routes/. */
export const routes: readonly Route<Dependencies>[] = [
  ...customerRoutes,
  ...staffRoutes,
  ...slaRoutes,
  ...commitmentRoutes,
];
