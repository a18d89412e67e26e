/** Which modal dialog is open; shortcuts and toolbar buttons open the same ones. */
import { create } from "zustand";

export type DialogName = "open" | "run";

interface DialogsStore {
  open: DialogName | null;
  show: (name: DialogName) => void;
  close: () => void;
}

export const useDialogs = create<DialogsStore>()((set) => ({
  open: null,
  show: (name) => set({ open: name }),
  close: () => set({ open: null }),
}));
