/**
 * What a page of the app may ask Electron for: desktop notifications (a step of the user's about to go
 * overdue), and nothing else — no camera, microphone, geolocation, clipboard or the like.
 */
export function permissionAllowed(permission: string): boolean {
  return permission === 'notifications';
}
