/** Which modal dialog is open; shortcuts and toolbar buttons open the same ones. Also the
 * two dialogs any part of the app may raise: a yes/no question and a large view of an image. */
import { create } from "zustand";

export type DialogName = "open" | "run";

export interface Confirmation {
  title: string;
  message: string;
  confirmLabel: string;
  answer: (yes: boolean) => void;
}

export interface ImageView {
  src: string;
  title: string;
}

interface DialogsStore {
  open: DialogName | null;
  confirmation: Confirmation | null;
  image: ImageView | null;
  show: (name: DialogName) => void;
  close: () => void;
  showImage: (image: ImageView | null) => void;
}

export const useDialogs = create<DialogsStore>()((set) => ({
  open: null,
  confirmation: null,
  image: null,
  show: (name) => set({ open: name }),
  close: () => set({ open: null }),
  showImage: (image) => set({ image }),
}));

/** Asks the user; resolves true when they confirm. */
export function confirm(title: string, message: string, confirmLabel = "OK"): Promise<boolean> {
  return new Promise((resolve) => {
    useDialogs.setState({
      confirmation: {
        title, message, confirmLabel,
        answer: (yes) => {
          useDialogs.setState({ confirmation: null });
          resolve(yes);
        },
      },
    });
  });
}
