/**
 * Small general tables: countries with their demonyms, and the common abbreviations of country and
 * international-organisation names. Used for roles ("Kazakh President" → "President of Kazakhstan")
 * and for merging mentions ("U.S." ↔ "United States").
 */

// "Country|demonym,demonym" — the first demonym is the usual adjective.
const COUNTRY_TABLE = `Afghanistan|Afghan
Albania|Albanian
Algeria|Algerian
Andorra|Andorran
Angola|Angolan
Argentina|Argentine,Argentinian
Armenia|Armenian
Australia|Australian
Austria|Austrian
Azerbaijan|Azerbaijani,Azeri
Bahrain|Bahraini
Bangladesh|Bangladeshi
Belarus|Belarusian,Belarussian
Belgium|Belgian
Bhutan|Bhutanese
Bolivia|Bolivian
Bosnia and Herzegovina|Bosnian
Botswana|Botswanan
Brazil|Brazilian
Bulgaria|Bulgarian
Burkina Faso|Burkinabe
Burundi|Burundian
Cambodia|Cambodian
Cameroon|Cameroonian
Canada|Canadian
Chad|Chadian
Chile|Chilean
China|Chinese
Colombia|Colombian
Congo|Congolese
Democratic Republic of the Congo|Congolese
Costa Rica|Costa Rican
Croatia|Croatian
Cuba|Cuban
Cyprus|Cypriot
Czech Republic|Czech
Denmark|Danish
Djibouti|Djiboutian
Dominican Republic|Dominican
Ecuador|Ecuadorian,Ecuadorean
Egypt|Egyptian
El Salvador|Salvadoran
Eritrea|Eritrean
Estonia|Estonian
Ethiopia|Ethiopian
Fiji|Fijian
Finland|Finnish
France|French
Gabon|Gabonese
Gambia|Gambian
Georgia|Georgian
Germany|German
Ghana|Ghanaian
Greece|Greek
Guatemala|Guatemalan
Guinea|Guinean
Haiti|Haitian
Honduras|Honduran
Hungary|Hungarian
Iceland|Icelandic
India|Indian
Indonesia|Indonesian
Iran|Iranian
Iraq|Iraqi
Ireland|Irish
Israel|Israeli
Italy|Italian
Ivory Coast|Ivorian
Jamaica|Jamaican
Japan|Japanese
Jordan|Jordanian
Kazakhstan|Kazakh,Kazakhstani
Kenya|Kenyan
Kosovo|Kosovar
Kuwait|Kuwaiti
Kyrgyzstan|Kyrgyz
Laos|Laotian,Lao
Latvia|Latvian
Lebanon|Lebanese
Liberia|Liberian
Libya|Libyan
Lithuania|Lithuanian
Luxembourg|Luxembourgish
Madagascar|Malagasy
Malawi|Malawian
Malaysia|Malaysian
Maldives|Maldivian
Mali|Malian
Malta|Maltese
Mauritania|Mauritanian
Mexico|Mexican
Moldova|Moldovan
Monaco|Monegasque
Mongolia|Mongolian
Montenegro|Montenegrin
Morocco|Moroccan
Mozambique|Mozambican
Myanmar|Burmese
Namibia|Namibian
Nepal|Nepali,Nepalese
Netherlands|Dutch
New Zealand|New Zealander
Nicaragua|Nicaraguan
Niger|Nigerien
Nigeria|Nigerian
North Korea|North Korean
North Macedonia|Macedonian
Norway|Norwegian
Oman|Omani
Pakistan|Pakistani
Palestine|Palestinian
Panama|Panamanian
Papua New Guinea|Papua New Guinean
Paraguay|Paraguayan
Peru|Peruvian
Philippines|Filipino,Philippine
Poland|Polish
Portugal|Portuguese
Qatar|Qatari
Romania|Romanian
Russia|Russian
Rwanda|Rwandan
Saudi Arabia|Saudi,Saudi Arabian
Senegal|Senegalese
Serbia|Serbian
Sierra Leone|Sierra Leonean
Singapore|Singaporean
Slovakia|Slovak,Slovakian
Slovenia|Slovenian,Slovene
Somalia|Somali
South Africa|South African
South Korea|South Korean
South Sudan|South Sudanese
Spain|Spanish
Sri Lanka|Sri Lankan
Sudan|Sudanese
Sweden|Swedish
Switzerland|Swiss
Syria|Syrian
Taiwan|Taiwanese
Tajikistan|Tajik,Tajikistani
Tanzania|Tanzanian
Thailand|Thai
Togo|Togolese
Tunisia|Tunisian
Turkey|Turkish
Turkmenistan|Turkmen
Uganda|Ugandan
Ukraine|Ukrainian
United Arab Emirates|Emirati
United Kingdom|British
United States|American
Uruguay|Uruguayan
Uzbekistan|Uzbek
Venezuela|Venezuelan
Vietnam|Vietnamese
Yemen|Yemeni
Zambia|Zambian
Zimbabwe|Zimbabwean
England|English
Scotland|Scottish
Wales|Welsh
Northern Ireland|Northern Irish
Europe|European
Africa|African
Asia|Asian`;

/** Other names of countries and international bodies → the canonical name. */
const ALIAS_ENTRIES: Record<string, string> = {
  'U.S.': 'United States', 'US': 'United States', 'U.S.A.': 'United States', 'USA': 'United States',
  'United States of America': 'United States', 'America': 'United States',
  'U.K.': 'United Kingdom', 'UK': 'United Kingdom', 'Great Britain': 'United Kingdom', 'Britain': 'United Kingdom',
  'UAE': 'United Arab Emirates', 'U.A.E.': 'United Arab Emirates',
  'DRC': 'Democratic Republic of the Congo', 'DR Congo': 'Democratic Republic of the Congo',
  'Czechia': 'Czech Republic', 'Holland': 'Netherlands', 'the Netherlands': 'Netherlands',
  'Burma': 'Myanmar', "Côte d'Ivoire": 'Ivory Coast', 'Türkiye': 'Turkey', 'Turkiye': 'Turkey',
  'Russian Federation': 'Russia', 'PRC': 'China', "People's Republic of China": 'China',
  'ROK': 'South Korea', 'Republic of Korea': 'South Korea', 'DPRK': 'North Korea',
  'UN': 'United Nations', 'U.N.': 'United Nations', 'EU': 'European Union', 'E.U.': 'European Union',
  'G7': 'G-7', 'G8': 'G-8', 'G20': 'G-20', 'Group of Seven': 'G-7', 'Group of 20': 'G-20',
  'WHO': 'World Health Organization', 'IMF': 'International Monetary Fund',
};

const ALIAS_TABLE = new Map(Object.entries(ALIAS_ENTRIES));
const countries = new Set<string>();
const demonymToCountry = new Map<string, string>();
for (const line of COUNTRY_TABLE.split('\n')) {
  const [country, demonyms] = line.split('|') as [string, string];
  countries.add(country);
  for (const demonym of demonyms.split(",")) if (!demonymToCountry.has(demonym)) demonymToCountry.set(demonym, country);
}

/** The country (or region) a demonym names: "Kazakh" → "Kazakhstan". */
export function countryOfDemonym(word: string): string | undefined {
  return demonymToCountry.get(word);
}

/** Whether a name is a country or world region of the table (after alias resolution). */
export function isCountry(name: string): boolean {
  return countries.has(canonicalAlias(name) ?? name);
}

/** The canonical name of a known abbreviation or alternative name, if it is one: "U.S." → "United States". */
export function canonicalAlias(name: string): string | undefined {
  return ALIAS_TABLE.get(name);
}

const ORGANIZATIONS = new Set([...ALIAS_TABLE.values()].filter((name) => !countries.has(name)));

/**
 * Whether a name is an international body of the alias table or a "Group of N" summit club (G-7, G20):
 * taggers often call these MISC in "the G-7 summit".
 */
export function isKnownOrganization(name: string): boolean {
  const canonical = canonicalAlias(name) ?? name;
  return ORGANIZATIONS.has(canonical) || /^G-?\d{1,2}$/.test(canonical);
}

/**
 * Last words that make a name of two or more words an organisation ("Scotland Yard", "Daily Mirror",
 * "All-England Club") or a place ("Green Square"), never a person. In CoNLL-2003 train, 4 of the 750
 * names of two or more words ending in one of these are people; common surnames that are also such
 * words ("Park", "Post", "Church", "Court", "Bay", "Lake") are left out.
 */
const ORGANIZATION_HEADS = new Set(
  ('agency army assembly association authority board bureau club college commission committee company congress ' +
    'corporation council department federation forces foundation government group guardian herald hospital inc ' +
    'institute journal league ltd ministry mirror museum navy news office parliament party police press school senate ' +
    'service sport sports telegraph times union university yard airlines airways center centre').split(' '),
);
const PLACE_HEADS = new Set(
  ('airport avenue bridge coast county desert district gulf island islands mountains ocean peninsula province ' +
    'region river road sea square station strait street valley').split(' '),
);

/** What the last word of a name of two or more words says it is, if it says: an organisation or a place. */
export function headType(name: string): 'ORG' | 'LOC' | undefined {
  const space = name.lastIndexOf(' ');
  if (space < 0) return undefined;
  const last = name.slice(space + 1).toLowerCase();
  return ORGANIZATION_HEADS.has(last) ? 'ORG' : PLACE_HEADS.has(last) ? 'LOC' : undefined;
}

/** Whether a word ends organisation names ("Mirror", "Police"): alone, it is likely one's short form. */
export function isOrganizationHead(word: string): boolean {
  return ORGANIZATION_HEADS.has(word.toLowerCase());
}

/** Demonyms longest first, for building patterns. */
export const DEMONYMS: readonly string[] = [...demonymToCountry.keys()].sort((a, b) => b.length - a.length);

/** Countries longest first, for building patterns. */
export const COUNTRIES: readonly string[] = [...countries].sort((a, b) => b.length - a.length);
