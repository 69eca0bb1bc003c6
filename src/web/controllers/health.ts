/** Liveness: the process answers and the database can be read. */
import type { Request, Response } from 'express';
import type { WebContext } from '../context';

export function healthControllers(ctx: WebContext) {
  return {
    async getHealth(_req: Request, res: Response) {
      await ctx.store.countComparisons();
      res.json({ status: 'ok' });
    },
  };
}
