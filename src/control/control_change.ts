// A change a control client made to a cluster, told to the log as one line.

/** Hears a change: a message ("node deleted") and the cluster, namespace and details. */
export type ControlChangeListener = (
  message: string,
  fields: { readonly cluster: string; readonly namespace: string } & Record<string, unknown>,
) => void;
