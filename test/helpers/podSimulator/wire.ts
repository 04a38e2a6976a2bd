import type { IncomingMessage } from 'node:http';

/**
 * Words and pages of a real Pod 4.1 behind nginx: DRF's messages in French (Pod's default
 * language) or English (`Accept-Language: en…`), Django's and nginx's HTML pages. The French and
 * English texts are DRF 3.16's catalogue, as observed in issue #11 and
 * ../shared/reference/pod-behaviour.md §7.2 ("Observed on a real Pod 4.1.0").
 */

export type Lang = 'fr' | 'en';

export const langOf = (req: IncomingMessage): Lang =>
  /^\s*en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'fr';

const messages = {
  notAuthenticated: {
    fr: "Informations d'authentification non fournies.",
    en: 'Authentication credentials were not provided.',
  },
  invalidToken: { fr: 'Token non valide.', en: 'Invalid token.' },
  permissionDenied: {
    fr: "Vous n'avez pas la permission d'effectuer cette action.",
    en: 'You do not have permission to perform this action.',
  },
  invalidPage: { fr: 'Page non valide.', en: 'Invalid page.' },
  required: { fr: 'Ce champ est obligatoire.', en: 'This field is required.' },
  blank: { fr: 'Ce champ ne peut être vide.', en: 'This field may not be blank.' },
  titleTooLong: {
    fr: 'Assurez-vous que ce champ comporte au plus 250 caractères.',
    en: 'Ensure this field has no more than 250 characters.',
  },
  emptyList: { fr: 'Cette liste ne peut pas être vide.', en: 'This list may not be empty.' },
  noFile: { fr: "Aucun fichier n'a été soumis.", en: 'No file was submitted.' },
  emptyFile: { fr: 'Le fichier soumis est vide.', en: 'The submitted file is empty.' },
  noMatch: {
    fr: "Lien non valide : pas d'URL correspondante.",
    en: 'Invalid hyperlink - No URL match.',
  },
  incorrectMatch: {
    fr: 'Lien non valide : URL correspondante incorrecte.',
    en: 'Invalid hyperlink - Incorrect URL match.',
  },
  doesNotExist: {
    fr: "Lien non valide : l'objet n'existe pas.",
    en: 'Invalid hyperlink - Object does not exist.',
  },
  invalidChoice: {
    fr: 'Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles.',
    en: 'Select a valid choice. That choice is not one of the available choices.',
  },
  invalidInteger: { fr: 'Saisissez un nombre entier.', en: 'Enter a whole number.' },
  invalidBoolean: { fr: 'Doit être un booléen valide.', en: 'Must be a valid boolean.' },
  invalidDate: {
    fr: "La date n'a pas le bon format. Utilisez un des formats suivants\u00a0: YYYY-MM-DD.",
    en: 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.',
  },
} as const;

export type MessageKey = keyof typeof messages;

export const say = (key: MessageKey, lang: Lang): string => messages[key][lang];

export const methodNotAllowed = (method: string, lang: Lang): string =>
  lang === 'en' ? `Method "${method}" not allowed.` : `Méthode « ${method} » non autorisée.`;

export const unsupportedMediaType = (type: string, lang: Lang): string =>
  lang === 'en'
    ? `Unsupported media type "${type}" in request.`
    : `Type de média « ${type} » non supporté dans la requête.`;

/** Pod's get_object_or_404 message, which the issue saw in English whatever the language. */
export const notFoundDetail = (model: string): string => `No ${model} matches the given query.`;

/** nginx's own page for `client_max_body_size` (CRLF line ends, as nginx sends them). */
export const nginx413Page =
  '<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

const reasons: Record<number, string> = {
  200: 'OK',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

/**
 * An HTML page where JSON was expected: nginx's error page for an error status, and for 200 the
 * sort of login page an authenticating proxy (Shibboleth, CAS) puts in front of a site.
 */
export function htmlPage(status: number): string {
  if (status === 200)
    return '<!DOCTYPE html>\n<html lang="fr">\n<head><title>Authentification</title></head>\n<body>\n<form method="post" action="/cas/login"><input name="username"><input name="password" type="password"></form>\n</body>\n</html>\n';
  const title = `${String(status)} ${reasons[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** Django's page for a URL no route matches (DEBUG off): what an absent Pod app answers. */
export const django404Page =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';

/** Django's slugify: accents folded, lower case, anything but word characters and dashes dropped. */
export const slugify = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[^ -~\t\n\r]/g, '')
    .toLowerCase()
    .replace(/[^\w\s-]/g, '')
    .replace(/[-\s]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
