import dayjs from "dayjs";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

import "dayjs/locale/zh-cn";
import "dayjs/locale/en";

import type { Locale } from "@duban/domain/i18n";

import { en } from "../i18n/en.ts";
import { zh, type MessageKey } from "../i18n/zh.ts";

export type { Locale, MessageKey };

const STORAGE_KEY = "duban.locale";
const dictionaries: Record<Locale, Record<MessageKey, string>> = { "zh-CN": zh, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Fills `{name}` placeholders; a missing variable stays visible rather than vanishing. */
export function interpolate(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale];
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

function initialLocale(): Locale {
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
    const l = initialLocale();
    active = l;
    dayjs.locale(l === "en" ? "en" : "zh-cn");
    return l;
  });
  const setLocale = useCallback((l: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // private mode: the choice lasts for this page only
    }
    active = l;
    dayjs.locale(l === "en" ? "en" : "zh-cn");
    document.documentElement.lang = l;
    setLocaleState(l);
  }, []);
  const value = useMemo(() => ({ locale, setLocale, t: translator(locale) }), [locale, setLocale]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
