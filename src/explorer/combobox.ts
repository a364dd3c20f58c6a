import type { WordLanguage } from '../domain/plain-words';
import { ENTITY_TYPE_WORDS } from '../domain/plain-words';
import type { EntityType } from '../domain/vocabulary';
import { search, type NodeRef } from './api';
import { h } from './dom';
import { t } from './i18n';

/**
 * A search box with suggestions as one types (the API's search: accents and typos
 * forgiven), as an ARIA combobox: arrow keys move through the suggestions, Enter picks one
 * (the first when none is chosen), Escape closes them; a click picks one too.
 */
export function combobox(input: HTMLInputElement, list: HTMLUListElement, language: () => WordLanguage, pick: (entity: NodeRef) => void): void {
  let hits: NodeRef[] = [];
  let active = -1;
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const choose = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    close();
    input.value = hit.label;
    pick(hit);
  };
  const draw = () => {
    list.replaceChildren(
      ...(hits.length === 0
        ? [h('li', { class: 'empty' }, t('noMatch', language()))]
        : hits.map((hit, i) => {
            const li = h(
              'li',
              { role: 'option', id: `${list.id}-${i}`, 'aria-selected': String(i === active), 'data-id': hit.id },
              h('span', {}, hit.label),
              h('span', { class: 'kind' }, ENTITY_TYPE_WORDS[hit.type as EntityType]?.[language()] ?? hit.type),
            );
            // mousedown, not click: the input keeps its focus and does not close the list first.
            li.addEventListener('mousedown', (e) => {
              e.preventDefault();
              choose(i);
            });
            return li;
          })),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (active >= 0) input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) return close();
    timer = setTimeout(() => {
      const mine = ++asked;
      search(text, language()).then(
        (found) => {
          if (mine !== asked) return;
          hits = found;
          active = -1;
          draw();
        },
        () => close(),
      );
    }, 120);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (list.hidden || hits.length === 0) return;
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : -1) + hits.length) % hits.length;
      draw();
    } else if (e.key === 'Enter') {
      if (list.hidden) return;
      e.preventDefault();
      choose(active >= 0 ? active : 0);
    } else if (e.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
}
