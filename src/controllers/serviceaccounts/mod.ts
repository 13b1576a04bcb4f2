// The ServiceAccount controller of one fake cluster (kube-controller-manager's `serviceaccount`).

export { ServiceAccountsController } from "./serviceaccounts_controller.ts";
