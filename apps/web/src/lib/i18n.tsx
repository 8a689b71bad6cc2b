import dayjs from "dayjs";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from "react";

import "dayjs/locale/zh-cn";
import "dayjs/locale/en";

import type { Locale } from "@duban/domain/i18n";

import { zh, type MessageKey } from "../i18n/zh.ts";

export type { Locale, MessageKey };

const STORAGE_KEY = "duban.locale";
/**
 * Chinese is in the first load; English (about 35 kB gzip) is fetched when it is chosen or was
 * chosen before (issue #20: the phone's first load). Until it has come, texts show in Chinese.
 */
const dictionaries: Partial<Record<Locale, Record<MessageKey, string>>> = { "zh-CN": zh };
let englishLoad: Promise<void> | undefined;

/** Fetches a language's texts once; resolves at once for Chinese or a language already here. */
export function loadLocale(locale: Locale): Promise<void> {
  if (dictionaries[locale]) return Promise.resolve();
  englishLoad ??= import("../i18n/en.ts").then(
    (m) => {
      dictionaries.en = m.en;
    },
    (error: unknown) => {
      // a failed fetch (the network dropped) may be tried again by choosing English again
      englishLoad = undefined;
      throw error;
    },
  );
  return englishLoad;
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Fills `{name}` placeholders; a missing variable stays visible rather than vanishing. */
export function interpolate(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale] ?? zh;
  return (key, vars) => interpolate(dict[key] ?? zh[key] ?? key, vars);
}

let active: Locale = "zh-CN";

/**
 * The UI language now, for code that runs outside React's render (antd form validators, like
 * dayjs's global locale): set by I18nProvider.
 */
export function currentLocale(): Locale {
  return active;
}

/** The language chosen on this browser before (Chinese when none). */
export function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh-CN";
  } catch {
    return "zh-CN";
  }
}

export type I18n = { locale: Locale; setLocale: (l: Locale) => void; t: Translate };
const I18nContext = createContext<I18n>({
  locale: "zh-CN",
  setLocale: () => {},
  t: translator("zh-CN"),
});

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = storedLocale();
    active = l;
    dayjs.locale(l === "en" ? "en" : "zh-cn");
    return l;
  });
  // bumped when a language's texts arrive, so `t` is made again with them
  const [loaded, setLoaded] = useState(0);
  useEffect(() => {
    if (dictionaries[locale]) return;
    let live = true;
    loadLocale(locale).then(
      () => live && setLoaded((n) => n + 1),
      () => undefined, // the Chinese texts stay
    );
    return () => {
      live = false;
    };
  }, [locale]);
  const setLocale = useCallback((l: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // private mode: the choice lasts for this page only
    }
    // the switch waits for the texts, so the page never shows half of each language
    const apply = () => {
      active = l;
      dayjs.locale(l === "en" ? "en" : "zh-cn");
      document.documentElement.lang = l;
      setLocaleState(l);
    };
    loadLocale(l).then(apply, apply);
  }, []);
  const value = useMemo(
    () => ({ locale, setLocale, t: translator(locale) }),
    // `loaded` is read through the dictionaries: a new translator once English is here
    [locale, setLocale, loaded],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
