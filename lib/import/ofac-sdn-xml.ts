// OFAC's SDN_ADVANCED.XML (and CONS_ADVANCED.XML): the "Advanced Sanctions Data Model" OFAC publishes
// (https://ofac.treasury.gov/sdn-list-data-formats-data-schemas, ADVANCED_XML namespace). Sections in
// order: ReferenceValueSets (id → word tables: alias types, name-part types, feature types, countries,
// lists, sanctions types…), Locations, IDRegDocuments, DistinctParties (DistinctParty FixedRef=ent_num
// → Profile → Identity → Alias → DocumentedName; Features: birth dates, nationality, addresses…),
// ProfileRelationships, SanctionsEntries (SanctionsEntry ProfileID ListID → EntryEvent with the
// entry date, SanctionsMeasure: programs and measures).
// NOTE: no real advanced XML is stored here; this follows the published schema and is tested on
// small files the tests construct (test/fixtures/constructed). Unlike SDN.CSV it carries the entry
// dates, so an entry's listing date is its own, not the edition's. Keys are the CSV's (ent_num under
// ofac-sdn / ofac-cons), so both formats converge on the same entities and designations.
//
// Edition date: <DateOfIssue><Year/><Month/><Day/></DateOfIssue>, the first element under <Sanctions>
// ("the date that the file is published", OFAC's explanatory notes on the advanced XML); when the
// file states none (or a date that is not one), a YYYY-MM-DD date in the file name, as for SDN.CSV.
// OFAC's classic SDN.XML (<sdnList>, <publshInformation><Publish_Date>) is not this format: refused
// by its root element.
//
// Memory: the sanctions entries come after the parties, so each party is kept (as a small summary,
// not its XML) until its entry arrives; that is bounded by the number of entries, like the loader.
import { parsePartialDate, type PartialDate } from '../dates';
import { fileLabel } from './read';
import { countInto, ImportFileError, type AliasKindName, type EntityRecord, type EntitySchemaName, type ParseContext, type ParsedImport, type SourceRecord } from './types';
import { OFAC_AUTHORITY, OFAC_CONS_ORIGIN, OFAC_SDN_ORIGIN, ofacEntryUrl } from './ofac-sdn-csv';
import { drainXml, xmlAttr, xmlFind, xmlKid, xmlKids, xmlText, xmlVal, type XmlElement } from './xml';

type Party = Omit<EntityRecord, 'source' | 'externalId'> & { fixedRef: string; at: string };
type Loc = { text: string; country: string };

/** <Date><Year>…<Month>…<Day>… (or a From of a DatePeriod) → a partial date. */
export function ofacXmlDate(el: XmlElement | undefined): PartialDate | null {
  const y = xmlVal(el, 'Year');
  if (!/^\d{4}$/.test(y)) return null;
  const m = xmlVal(el, 'Month');
  const d = xmlVal(el, 'Day');
  if (m && d) return parsePartialDate(`${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
  if (m) return parsePartialDate(`${y}-${m.padStart(2, '0')}`);
  return parsePartialDate(y);
}

/** <DateOfIssue>: the publication date, YYYY-MM-DD; null unless year, month and day make a real date. */
export function ofacIssueDate(el: XmlElement | undefined): string | null {
  const d = ofacXmlDate(el);
  return d?.precision === 'DAY' ? d.date.toISOString().slice(0, 10) : null;
}

/** A YYYY-MM-DD date in a file's name ('sdn_advanced-2024-05-03.xml'), when it is a real date. */
export function dateInFileName(file: string): string | null {
  const d = /(\d{4}-\d{2}-\d{2})/.exec(fileLabel(file))?.[1] ?? null;
  return d && parsePartialDate(d) ? d : null;
}

export function parseOfacSdnXml(files: string[], ctx: ParseContext): ParsedImport {
  if (files.length !== 1 || !files[0]) throw new ImportFileError(files.map(fileLabel).join(', ') || '(none)', null, 'an OFAC advanced XML import takes exactly one file (SDN_ADVANCED.XML or CONS_ADVANCED.XML)');
  const file: string = files[0];
  const label = fileLabel(file);
  let origin: string | null = null;
  let issued: string | null = null;

  async function* generate(): AsyncGenerator<SourceRecord> {
    // Reference tables: set name (AliasType, NamePartType…) → ID → { text, attrs }.
    const refs = new Map<string, Map<string, XmlElement>>();
    const ref = (set: string, id: string) => refs.get(set)?.get(id);
    const word = (set: string, id: string) => xmlText(ref(set, id));
    const country = (id: string) => word('Country', id) || word('AreaCode', id);
    const locations = new Map<string, Loc>();
    const docs = new Map<string, Array<{ type: string; value: string; country: string | null }>>();
    const parties = new Map<string, Party>();
    const used = new Set<string>();
    const keys = new Set<string>();
    const ready: SourceRecord[] = [];
    const seen = new Map<string, number>();

    const onLocation = (el: XmlElement) => {
      const parts = xmlKids(el, 'LocationPart').map((p) => {
        const values = xmlKids(p, 'LocationPartValue');
        return xmlVal(values.find((v) => xmlAttr(v, 'Primary') === 'true') ?? values[0], 'Value');
      });
      const c = xmlKids(el, 'LocationCountry').map((x) => country(xmlAttr(x, 'CountryID'))).find(Boolean) ?? '';
      locations.set(xmlAttr(el, 'ID'), { text: [...parts, c].filter(Boolean).join(', '), country: c });
    };

    const onDoc = (el: XmlElement) => {
      const value = xmlVal(el, 'IDRegistrationNo');
      if (!value) return;
      const identity = xmlAttr(el, 'IdentityID');
      const list = docs.get(identity) ?? docs.set(identity, []).get(identity)!;
      list.push({ type: word('IDRegDocType', xmlAttr(el, 'IDRegDocTypeID')) || 'document', value, country: country(xmlAttr(el, 'IssuedBy-CountryID')) || null });
    };

    const onParty = (el: XmlElement, at: string) => {
      const fixedRef = xmlAttr(el, 'FixedRef');
      const profile = xmlKid(el, 'Profile');
      if (!fixedRef || !profile) throw new Error('a DistinctParty without FixedRef or Profile');
      const subType = ref('PartySubType', xmlAttr(profile, 'PartySubTypeID'));
      const sub = xmlText(subType).toLowerCase();
      const partyType = word('PartyType', xmlAttr(subType, 'PartyTypeID')).toLowerCase();
      const schema: EntitySchemaName = sub === 'vessel' ? 'Vessel' : sub === 'aircraft' ? 'Airplane' : partyType === 'individual' ? 'Person' : 'Organization';
      const identities = xmlKids(profile, 'Identity').sort((a, b) => Number(xmlAttr(b, 'Primary') === 'true') - Number(xmlAttr(a, 'Primary') === 'true'));
      let name = '';
      const aliases: Array<{ name: string; kind: AliasKindName }> = [];
      for (const identity of identities) {
        const groups = new Map(xmlFind(identity, 'NamePartGroup').map((g) => [xmlAttr(g, 'ID'), word('NamePartType', xmlAttr(g, 'NamePartTypeID')).toLowerCase()]));
        for (const alias of xmlKids(identity, 'Alias')) {
          const aliasType = word('AliasType', xmlAttr(alias, 'AliasTypeID')).toLowerCase();
          const isPrimary = xmlAttr(alias, 'Primary') === 'true' && !name;
          for (const [i, doc] of xmlKids(alias, 'DocumentedName').entries()) {
            const parts = xmlKids(doc, 'DocumentedNamePart').map((p) => {
              const v = xmlKid(p, 'NamePartValue');
              return { text: xmlText(v), type: groups.get(xmlAttr(v, 'NamePartGroupID')) ?? '' };
            });
            const last = parts.filter((p) => p.type === 'last name').map((p) => p.text);
            const rest = parts.filter((p) => p.type !== 'last name').map((p) => p.text);
            // OFAC writes an individual "LAST, First Middle", as SDN.CSV does.
            const full = (last.length && rest.length ? `${last.join(' ')}, ${rest.join(' ')}` : parts.map((p) => p.text).join(' ')).trim();
            if (!full) continue;
            if (isPrimary && i === 0) name = full;
            else aliases.push({ name: full, kind: xmlAttr(alias, 'LowQuality') === 'true' ? 'WEAK_ALIAS' : /f\.k\.a/.test(aliasType) ? 'PREVIOUS_NAME' : 'ALIAS' });
          }
        }
      }
      if (!name) throw new Error(`party ${fixedRef} has no primary name (Alias Primary="true")`);
      const countries: string[] = [];
      const addresses: string[] = [];
      const extra: Record<string, unknown> = {};
      let birthDate: PartialDate | null = null;
      for (const feature of xmlFind(el, 'Feature')) {
        const type = word('FeatureType', xmlAttr(feature, 'FeatureTypeID')) || `feature ${xmlAttr(feature, 'FeatureTypeID')}`;
        for (const v of xmlKids(feature, 'FeatureVersion')) {
          const loc = locations.get(xmlAttr(xmlKid(v, 'VersionLocation'), 'LocationID'));
          const from = xmlKid(xmlKid(xmlKid(v, 'DatePeriod'), 'Start'), 'From');
          const detail = xmlVal(v, 'VersionDetail') || word('DetailReference', xmlAttr(xmlKid(v, 'VersionDetail'), 'DetailReferenceID'));
          if (/birth ?date/i.test(type)) birthDate ??= ofacXmlDate(from);
          else if (/nationality|citizenship|vessel flag/i.test(type)) countries.push(loc?.country || detail);
          else if (/^location$|address/i.test(type)) addresses.push(loc?.text || detail);
          else {
            const value = detail || loc?.text || (from ? xmlText(from) : '');
            if (value) ((extra[type] ??= []) as string[]).push(value);
          }
        }
      }
      const identifiers = identities.flatMap((i) => docs.get(xmlAttr(i, 'ID')) ?? []);
      for (const i of identities) docs.delete(xmlAttr(i, 'ID'));
      parties.set(xmlAttr(profile, 'ID') || fixedRef, {
        fixedRef,
        at,
        schema,
        name,
        aliases: aliases.filter((a, k) => a.name !== name && aliases.findIndex((b) => b.name === a.name) === k),
        countries: [...new Set(countries.filter(Boolean))],
        addresses: [...new Set(addresses.filter(Boolean))],
        birthDate: schema === 'Person' ? birthDate : null,
        identifiers,
        notes: xmlVal(el, 'Comment') || null,
        extra: Object.keys(extra).length ? extra : null,
      });
    };

    const onEntry = (el: XmlElement, at: string) => {
      const profileId = xmlAttr(el, 'ProfileID');
      const party = parties.get(profileId);
      if (!party) throw new Error(`SanctionsEntry ${xmlAttr(el, 'ID')} names profile ${profileId}, which no DistinctParty defines`);
      const list = word('List', xmlAttr(el, 'ListID'));
      const entryOrigin = /^sdn list$/i.test(list) || !list ? OFAC_SDN_ORIGIN : OFAC_CONS_ORIGIN;
      if (origin && origin !== entryOrigin) throw new Error(`the file mixes the SDN list and non-SDN lists (${list}): import them as separate files`);
      origin = entryOrigin;
      const key = party.fixedRef;
      if (keys.has(key)) throw new Error(`entry ${key} appears twice`);
      keys.add(key);
      used.add(profileId);
      const events = xmlKids(el, 'EntryEvent').map((e) => ({ type: word('EntryEventType', xmlAttr(e, 'EntryEventTypeID')), date: ofacXmlDate(xmlKid(e, 'Date')), legal: word('LegalBasis', xmlAttr(e, 'LegalBasisID')) }));
      const created = events.filter((e) => e.date && (/creat/i.test(e.type) || !e.type)).sort((a, b) => a.date!.date.getTime() - b.date!.date.getTime())[0] ?? events.find((e) => e.date);
      const programs: string[] = [];
      const measures: string[] = [];
      for (const m of xmlKids(el, 'SanctionsMeasure')) {
        const type = word('SanctionsType', xmlAttr(m, 'SanctionsTypeID'));
        const comment = xmlVal(m, 'Comment');
        if (/^program$/i.test(type) && comment) programs.push(comment);
        else if (type || comment) measures.push([type, comment].filter(Boolean).join(': '));
      }
      if (!programs.length) throw new Error(`entry ${key} has no program (SanctionsMeasure of type Program)`);
      const { fixedRef: _f, at: _a, ...entity } = party;
      void _f;
      void _a;
      ready.push({
        key,
        at,
        entity: { source: entryOrigin, externalId: key, ...entity },
        designations: [
          {
            origin: entryOrigin,
            originKey: key,
            entity: { source: entryOrigin, externalId: key },
            authorityId: OFAC_AUTHORITY,
            programs: [...new Set(programs)],
            listingDate: created?.date ?? null,
            // An entry without an entry date is listed on the edition's date, as with SDN.CSV.
            listingFromEdition: !created?.date,
            startDate: null,
            endDate: null,
            reason: null,
            measures: [...new Set(measures)],
            legalAct: created?.legal || null,
            authorityRecordId: key,
            sourceUrl: ofacEntryUrl(key),
          },
        ],
        relationships: [],
      });
    };

    yield* drainXml({
      file,
      ctx,
      roots: ['Sanctions'],
      formatName: "OFAC's advanced sanctions XML (<Sanctions>, SDN_ADVANCED.XML)",
      capture: (name, path) =>
        (path.length === 1 && name === 'DateOfIssue') ||
        (path.length === 2 && path[1] === 'ReferenceValueSets') ||
        (path.length === 2 && ['Locations', 'IDRegDocuments', 'DistinctParties', 'SanctionsEntries'].includes(path[1] ?? '')) ||
        (path.length === 2 && path[1] === 'ProfileRelationships' && name === 'ProfileRelationship'),
      onElement: (el, path, where) => {
        if (path.length === 1 && el.name === 'DateOfIssue') {
          // A malformed date is not fatal: the edition date is then the file name's, or asked for.
          issued = ofacIssueDate(el);
          return;
        }
        const section = path[1];
        const nth = (seen.get(el.name) ?? 0) + 1;
        seen.set(el.name, nth);
        const at = `${el.name} ${nth}, ${where}`;
        try {
          if (section === 'ReferenceValueSets') {
            // <AliasTypeValues><AliasType ID="1400">A.K.A.</AliasType>…
            for (const v of el.children) {
              const set = refs.get(v.name) ?? refs.set(v.name, new Map()).get(v.name)!;
              set.set(xmlAttr(v, 'ID'), v);
            }
          } else if (section === 'Locations' && el.name === 'Location') onLocation(el);
          else if (section === 'IDRegDocuments' && el.name === 'IDRegDocument') onDoc(el);
          else if (section === 'DistinctParties' && el.name === 'DistinctParty') onParty(el, at);
          else if (section === 'SanctionsEntries' && el.name === 'SanctionsEntry') onEntry(el, at);
          else if (section === 'ProfileRelationships') countInto(ctx.report.notModelled, 'OFAC XML ProfileRelationship (links between parties)');
        } catch (err) {
          throw new ImportFileError(label, at, err instanceof Error ? err.message : String(err));
        }
      },
    }, ready);
    const unlisted = [...parties.keys()].filter((p) => !used.has(p)).length;
    if (unlisted) ctx.report.warnings['OFAC XML parties with no sanctions entry (not imported)'] = unlisted;
  }

  return { records: generate(), liftScope: () => (origin ? { origin, keyPrefixes: null } : { origin: OFAC_SDN_ORIGIN, keyPrefixes: null }), editionDate: () => issued ?? dateInFileName(file) };
}
