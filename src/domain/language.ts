const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** True for an ISO 639 language code (two or three lowercase letters) that Intl knows: fr, nl, en, de... */
export function isLanguage(code: string): boolean {
  if (!/^[a-z]{2,3}$/.test(code)) return false;
  try {
    return languageNames.of(code) !== undefined;
  } catch {
    return false;
  }
}
