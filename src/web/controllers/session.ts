/** Logging in with the access token (when `FRAMELENS_TOKEN` is set) and out. */
import type { Request, Response } from 'express';
import type { WebContext } from '../context';
import { safeReturnPath, type Auth } from '../security';

export function sessionControllers(_ctx: WebContext, auth: Auth) {
  return {
    getLogin(req: Request, res: Response) {
      const next = safeReturnPath(req.query.next);
      if (!auth.enabled) return res.redirect(303, next);
      res.render('login', { title: 'Log in · framelens', next, failed: false });
    },

    async postLogin(req: Request, res: Response) {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const next = safeReturnPath(body.next);
      if (!auth.enabled) return res.redirect(303, next);
      if (await auth.logIn(req, res, body.token)) return res.redirect(303, next);
      res.status(401).render('login', { title: 'Log in · framelens', next, failed: true });
    },

    postLogout(req: Request, res: Response) {
      auth.logOut(req, res);
      res.redirect(303, auth.enabled ? '/login' : '/');
    },
  };
}
