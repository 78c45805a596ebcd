import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '../features/auth/auth.store.ts'
import { setUnauthorizedHandler } from './http.ts'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean
    /** The permission a route needs (the API enforces it too). */
    permission?: string
    title?: string
  }
}

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../features/auth/views/LoginView.vue'),
    meta: { public: true, title: 'Sign in' },
  },
  {
    path: '/setup',
    name: 'setup',
    component: () => import('../features/auth/views/SetupView.vue'),
    meta: { public: true, title: 'Set up Veriflow' },
  },
  {
    path: '/accept-invite',
    name: 'accept-invite',
    component: () => import('../features/auth/views/AcceptInviteView.vue'),
    meta: { public: true, title: 'Set your password' },
  },
  { path: '/', redirect: '/flows' },
  {
    path: '/flows',
    name: 'flows',
    component: () => import('../features/flows/views/FlowsListView.vue'),
    meta: { permission: 'flows:read', title: 'Flows' },
  },
  {
    path: '/flows/:id',
    name: 'designer',
    component: () => import('../features/designer/views/DesignerView.vue'),
    meta: { permission: 'flows:read', title: 'Designer' },
  },
  {
    path: '/sessions',
    name: 'sessions',
    component: () => import('../features/sessions/views/SessionsListView.vue'),
    meta: { permission: 'sessions:read', title: 'Sessions' },
  },
  {
    path: '/sessions/:id',
    name: 'session',
    component: () => import('../features/review/views/SessionDetailView.vue'),
    meta: { permission: 'sessions:read', title: 'Session' },
  },
  {
    path: '/funnel',
    name: 'funnel',
    component: () => import('../features/funnel/views/FunnelView.vue'),
    meta: { permission: 'sessions:read', title: 'Funnel' },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('../features/settings/views/SettingsView.vue'),
    meta: { permission: 'settings:manage', title: 'Settings' },
  },
  {
    path: '/users',
    name: 'users',
    component: () => import('../features/users/views/UsersView.vue'),
    meta: { permission: 'users:manage', title: 'Users' },
  },
  {
    path: '/api-keys',
    name: 'api-keys',
    component: () => import('../features/users/views/ApiKeysView.vue'),
    meta: { permission: 'keys:own', title: 'API keys' },
  },
  {
    path: '/audit',
    name: 'audit',
    component: () => import('../features/audit/views/AuditLogView.vue'),
    meta: { permission: 'audit:read', title: 'Audit log' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./components/NotFoundView.vue'),
    meta: { public: true, title: 'Not found' },
  },
]

/** Where to go after signing in: only a path inside the console, never another origin. */
export function safeRedirect(redirect: unknown): string {
  return typeof redirect === 'string' && redirect.startsWith('/') && !redirect.startsWith('//')
    ? redirect
    : '/flows'
}

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory(), routes })
  router.beforeEach(async (to) => {
    const auth = useAuthStore()
    await auth.load()
    // Someone already signed in has no business on the sign-in page.
    if (to.name === 'login' && auth.user) return safeRedirect(to.query.redirect)
    if (to.meta.public) return true
    if (!auth.user) return { name: 'login', query: { redirect: to.fullPath } }
    if (to.meta.permission && !auth.can(to.meta.permission)) return { name: 'flows' }
    return true
  })
  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · Veriflow` : 'Veriflow'
  })
  setUnauthorizedHandler(() => {
    const auth = useAuthStore()
    if (!auth.user) return
    auth.forget()
    void router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } })
  })
  return router
}
