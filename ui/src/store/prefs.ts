/** UI preferences that outlive a page load. */
import { create } from "zustand";
import { persist } from "zustand/middleware";

export type ThemeMode = "light" | "dark";

interface PrefsStore {
  theme: ThemeMode;
  engine: string;
  snapToGrid: boolean;
  toggleTheme: () => void;
  setEngine: (engine: string) => void;
  toggleSnapToGrid: () => void;
}

export const usePrefs = create<PrefsStore>()(
  persist(
    (set, get) => ({
      theme: "light",
      engine: "local",
      snapToGrid: true,
      toggleTheme: () => set({ theme: get().theme === "light" ? "dark" : "light" }),
      setEngine: (engine) => set({ engine }),
      toggleSnapToGrid: () => set({ snapToGrid: !get().snapToGrid }),
    }),
    { name: "octopus.prefs" },
  ),
);
