import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/paths';
import { listening, startServer, type ServerProcess } from '../helpers/server-process';

/**
 * The explorer used as a person would, in Debian's Chromium, against the built server on the
 * embedded store and the seed: a search with a typo, the Fidus question, a reload of its URL,
 * the paths between Gartner and the minister, the switch to English. No request leaves the
 * server. Screenshots for review go to test-results/screenshots/ (ignored by git).
 */
const chromium = '/usr/bin/chromium';
const shots = join(PROJECT_ROOT, 'test-results', 'screenshots');
// Under CI Chromium must be there (.ci/run installs it): a skip would hide a broken page.
const run = existsSync(chromium) || process.env.CI ? describe : describe.skip;
if (!existsSync(chromium)) process.stderr.write('Explorer browser tests SKIPPED: /usr/bin/chromium is not installed (apt-get install chromium).\n');

run('the explorer in a browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'explorer-'));
  let server: ServerProcess;
  let origin = '';
  let browser: Browser;
  let page: Page;
  const foreign: string[] = [];

  beforeAll(async () => {
    server = startServer({ DATA_DIR: dataDir });
    origin = new URL((await listening(server)).url).origin;
    const { chromium: launcher } = await import('playwright-core');
    browser = await launcher.launch({ executablePath: chromium, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    // Every request the page makes, checked at the route level: only this server answers.
    await page.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
      foreign.push(u);
      return route.abort();
    });
    mkdirSync(shots, { recursive: true });
  }, 30000);
  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`) });
  const drawn = async () => ((await page.locator('#graph').getAttribute('data-nodes')) ?? '').split(' ').filter(Boolean).sort();
  /** Waits until the graph draws these nodes (`exactly` these, or among others). */
  const waitDrawn = (ids: string[], exactly = false) =>
    page.waitForFunction(
      ([want, only]) => {
        const have = (document.getElementById('graph')?.dataset.nodes ?? '').split(' ').filter(Boolean);
        return want.every((id) => have.includes(id)) && (!only || have.length === want.length);
      },
      [ids, exactly] as const,
      { timeout: 10000 },
    );
  /** Waits until the view of the page's URL is on screen (the page sets `#graph[data-state]` to its query string). */
  const ready = () => page.waitForFunction(() => document.getElementById('graph')?.dataset.state === location.search, undefined, { timeout: 10000 });
  const fidusDependants = ['fidus', 'plateforme-crm-regionale', 'plateforme-regionale-d-echange-de-donnees'];

  it('answers "what breaks if Fidus is down?" from a misspelt search, with the quotes', async () => {
    await page.goto(`${origin}/`);
    expect(new URL(page.url()).pathname).toBe('/explore');
    await page.locator('#search').pressSequentially('fidsu', { delay: 30 });
    const suggestion = page.getByRole('option', { name: /^Fidus/ });
    await suggestion.waitFor();
    await suggestion.click();
    await page.locator('#panel h2', { hasText: 'Fidus' }).waitFor();
    await ready();
    await waitDrawn(['fidus', 'vision-smart-city']);
    await page.getByRole('button', { name: 'Ce qui en dépend' }).click();
    await ready();
    await waitDrawn(fidusDependants, true);
    expect(await drawn()).toEqual(fidusDependants);
    const list = page.locator('#side ol.edges');
    await expect(list.locator('li[data-hop="1"]').count()).resolves.toBe(2);
    const text = (await list.textContent()) ?? '';
    expect(text).toContain('Plateforme CRM régionale');
    expect(text).toContain('Plateforme régionale d’échange de données');
    expect(text).toContain('« les premières briques d’intégration (Irisbox, IAM, Fidus, …) »');
    expect(text).toContain('« celle-ci devra pouvoir se baser sur les briques de base qui existent déjà »');
    expect(text).toMatch(/section answer-2 — Question écrite n°412/);
    expect(text).toContain('proposé');
    expect(new URL(page.url()).search).toBe('?entity=fidus&view=downstream');
    await shot('1-what-depends-on-fidus');
  });

  it('reopens the same view from its URL', async () => {
    await page.reload();
    await ready();
    await waitDrawn(fidusDependants, true);
    expect(await drawn()).toEqual(fidusDependants);
    await expect(page.getByRole('button', { name: 'Ce qui en dépend' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.locator('#panel h2').textContent()).resolves.toBe('Fidus');
    expect(await page.locator('#side').textContent()).toContain('« les premières briques d’intégration');
  });

  it('finds the paths between Gartner and the minister, each hop with its quote, with the keyboard', async () => {
    const search = page.locator('#search');
    await search.fill('');
    await search.pressSequentially('gartner', { delay: 30 });
    await page.getByRole('option', { name: /^Gartner/ }).waitFor();
    await search.press('ArrowDown');
    await expect(page.getByRole('option', { name: /^Gartner/ }).getAttribute('aria-selected')).resolves.toBe('true');
    await search.press('Enter');
    await page.locator('#panel h2', { hasText: 'Gartner' }).waitFor();
    await ready();
    await page.getByRole('button', { name: 'Comment sont-ils reliés ?' }).click();
    await ready();
    const to = page.locator('#path-to');
    await to.pressSequentially('clerfayt', { delay: 30 });
    await page.getByRole('option', { name: /^Bernard Clerfayt/ }).click();
    await ready();
    await waitDrawn(['gartner', 'bernard-clerfayt']);
    const side = (await page.locator('#side').textContent()) ?? '';
    expect(side).toMatch(/plus court\(s\) chemin\(s\) de 2 relation/);
    expect(side).toContain('CIRB');
    expect(side).toContain('« une mission a été confiée par le CIRB à Gartner');
    expect(side).toContain('« J’ai donc demandé au CIRB »');
    // Every shortest path, not one: the CIRB mandates Gartner, and Gartner supports the CIRB.
    await expect(page.locator('#side section.path').count()).resolves.toBe(2);
    expect(side).toContain('« le CIRB est assisté par Gartner dans sa réflexion');
    const url = new URL(page.url());
    expect(url.searchParams.get('entity')).toBe('gartner');
    expect(url.searchParams.get('view')).toBe('paths');
    expect(url.searchParams.get('to')).toBe('bernard-clerfayt');
    await shot('2-gartner-to-the-minister');
  });

  it('switches to English, in the URL too', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'How are these connected?' }).waitFor();
    await ready();
    await waitDrawn(['gartner', 'bernard-clerfayt']);
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    expect(await page.locator('#side').textContent()).toMatch(/shortest path\(s\) of 2 relationship/);
    expect(await page.locator('#panel').textContent()).toContain('Organisation');
    await page.getByRole('button', { name: 'What depends on this' }).waitFor();
    await shot('3-english');
  });

  it('opens a node of the neighbourhood, hides the bibliographic edges by default, and expands a node', async () => {
    await page.goto(`${origin}/explore?entity=cirb&lang=en`);
    await ready();
    await waitDrawn(['cirb', 'plateforme-crm-regionale']);
    expect(await drawn()).not.toContain('question-412-smart-city-2020');
    const wrote = page.getByRole('checkbox', { name: 'wrote' });
    await expect(wrote.isChecked()).resolves.toBe(false);
    await page.getByRole('checkbox', { name: 'Documents' }).check();
    await wrote.check();
    await page.getByRole('checkbox', { name: 'is described in' }).check();
    expect(new URL(page.url()).searchParams.get('docs')).toBe('1');
    await ready();
    expect(await drawn()).not.toContain('fidus');
    await page.locator('#expand-node').selectOption('plateforme-crm-regionale');
    await page.getByRole('button', { name: 'Expand the chosen node' }).click();
    await ready();
    await waitDrawn(['cirb', 'plateforme-crm-regionale', 'fidus']);
    expect(new URL(page.url()).searchParams.get('expand')).toBe('plateforme-crm-regionale');
    await shot('4-cirb-neighbourhood');
  });

  /** Where a node is drawn on the page (Cytoscape.js keeps its instance on its container). */
  const nodeAt = (id: string) =>
    page.evaluate((nodeId) => {
      const container = document.getElementById('graph') as HTMLElement & { _cyreg: { cy: any } };
      const p = container._cyreg.cy.getElementById(nodeId).renderedPosition();
      const box = container.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, id);

  it('expands a node on a double click and opens one on a click', async () => {
    await page.goto(`${origin}/explore?entity=fidus&lang=en`);
    await ready();
    const crm = await nodeAt('plateforme-crm-regionale');
    await page.mouse.dblclick(crm.x, crm.y);
    await page.waitForURL(/expand=plateforme-crm-regionale/);
    await ready();
    await waitDrawn(['fidus', 'plateforme-crm-regionale', 'cirb']);
    const cirb = await nodeAt('cirb');
    await page.mouse.click(cirb.x, cirb.y);
    await page.waitForURL(/entity=cirb/);
    await ready();
    await expect(page.locator('#panel h2').textContent()).resolves.toBe('CIRB');
  });

  it('sends no request anywhere but this server', () => {
    expect(foreign).toEqual([]);
  });
});
