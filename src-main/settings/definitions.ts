import type { Bilingual, SettingType } from '../../src-preload/contract';
import { bi } from '../ground/errors';
import { regieDefaultPreset } from '../media/encodeArgs';
import { podDefaultRenditions, type VideoRendition } from '../media/renditions';

export interface SettingDefinition {
  key: string;
  type: SettingType;
  group: 'recorders' | 'email' | 'site' | 'bbb' | 'pod' | 'webinar' | 'console';
  /** For a text setting: the only values allowed. */
  choices?: readonly string[];
  defaultValue: unknown;
  help: Bilingual;
  isSecret?: boolean;
}

/** Pod's default, reference/pod-behaviour.md §1.1 (all lower case). */
export const podVideoExtensions = [
  '3gp',
  'avi',
  'divx',
  'flv',
  'm2p',
  'm4v',
  'mkv',
  'mov',
  'mp4',
  'mpeg',
  'mpg',
  'mts',
  'wmv',
  'mp3',
  'ogg',
  'wav',
  'wma',
  'webm',
  'ts',
];

/**
 * The settings Régie knows. Keys are Pod's (or Django's) names wherever Pod has one, so an admin
 * recognises them and `settings import-pod` can read a Pod `settings_local.py`; Régie's own
 * settings start with `REGIE_`.
 */
export const definitions = [
  {
    key: 'DEFAULT_RECORDER_PATH',
    type: 'string',
    group: 'recorders',
    defaultValue: '',
    help: bi(
      'Root of the recorders drop folders. Empty: <data>/recorders.',
      'Racine des dossiers de dépôt des enregistreurs. Vide : <données>/recorders.',
    ),
  },
  {
    key: 'DEFAULT_RECORDER_ID',
    type: 'integerOrNull',
    group: 'recorders',
    defaultValue: null,
    help: bi(
      'Recorder that takes files found in a folder no recorder owns. Empty: such files are only reported.',
      "Enregistreur qui reçoit les fichiers d'un dossier sans enregistreur. Vide : ils sont seulement signalés.",
    ),
  },
  {
    key: 'DEFAULT_RECORDER_USER_ID',
    type: 'integer',
    group: 'recorders',
    defaultValue: 1,
    help: bi(
      'Default owner (user id) of recordings.',
      'Propriétaire par défaut (id) des enregistrements.',
    ),
  },
  {
    key: 'DEFAULT_RECORDER_TYPE_ID',
    type: 'integer',
    group: 'recorders',
    defaultValue: 1,
    help: bi(
      'Default video type id of new recorders.',
      'Type de vidéo par défaut des nouveaux enregistreurs.',
    ),
  },
  {
    key: 'ALLOW_MANUAL_RECORDING_CLAIMING',
    type: 'boolean',
    group: 'recorders',
    defaultValue: false,
    help: bi(
      'Files of recorders without a manager can be claimed (revendication).',
      'Les fichiers des enregistreurs sans gestionnaire peuvent être revendiqués.',
    ),
  },
  {
    key: 'ALLOW_RECORDER_MANAGER_CHOICE_VID_OWNER',
    type: 'boolean',
    group: 'recorders',
    defaultValue: true,
    help: bi(
      "A recorder's manager may choose the owner of the video.",
      "Le gestionnaire d'un enregistreur peut choisir le propriétaire de la vidéo.",
    ),
  },
  {
    key: 'USE_RECORD_PREVIEW',
    type: 'boolean',
    group: 'recorders',
    defaultValue: false,
    help: bi(
      'Preview recordings before claiming them.',
      'Prévisualiser les enregistrements avant revendication.',
    ),
  },
  {
    key: 'RECORDER_SKIP_FIRST_IMAGE',
    type: 'boolean',
    group: 'recorders',
    defaultValue: false,
    help: bi(
      'Audiovideocast: skip the first slide.',
      'Audiovideocast : ignorer la première diapositive.',
    ),
  },
  {
    key: 'RECORDER_BASE_URL',
    type: 'string',
    group: 'recorders',
    // Pod's default is "https://pod.univ.fr"; empty in Régie, meaning Régie mails managers itself.
    defaultValue: '',
    help: bi(
      'Pod base URL for recorder_notify. Empty: Régie emails the manager itself.',
      'URL de Pod pour recorder_notify. Vide : Régie prévient le gestionnaire par courriel.',
    ),
  },
  {
    key: 'RECORDER_ALLOW_INSECURE_REQUESTS',
    type: 'boolean',
    group: 'recorders',
    defaultValue: false,
    help: bi(
      'Retry recorder_notify without TLS verification.',
      'Réessayer recorder_notify sans vérification TLS.',
    ),
  },
  {
    key: 'VIDEO_ALLOWED_EXTENSIONS',
    type: 'stringList',
    group: 'recorders',
    defaultValue: podVideoExtensions,
    help: bi(
      'Accepted file extensions (any case); zip is always accepted.',
      'Extensions acceptées (casse indifférente) ; zip est toujours accepté.',
    ),
  },
  {
    key: 'RECORDER_QUIET_SECONDS',
    type: 'integer',
    group: 'recorders',
    defaultValue: 5,
    help: bi(
      'A file is complete when its size and date have not changed for this many seconds.',
      "Un fichier est complet quand sa taille et sa date n'ont pas changé depuis ce nombre de secondes.",
    ),
  },
  {
    key: 'RECORDER_RESCAN_SECONDS',
    type: 'integer',
    group: 'recorders',
    defaultValue: 60,
    help: bi(
      'Full rescan of the drop folders, besides file-system events.',
      'Nouveau parcours complet des dossiers de dépôt, en plus des événements du système de fichiers.',
    ),
  },
  {
    key: 'TRASH_RETENTION_DAYS',
    type: 'integer',
    group: 'recorders',
    defaultValue: 30,
    help: bi(
      'Deleted recordings stay this many days in <data>/trash.',
      'Les enregistrements supprimés restent ce nombre de jours dans <données>/trash.',
    ),
  },
  {
    key: 'REGIE_CONSOLE_URL',
    type: 'string',
    group: 'recorders',
    defaultValue: '',
    help: bi(
      'Address of the Régie console used in the links mailed to managers.',
      'Adresse de la console Régie utilisée dans les liens envoyés aux gestionnaires.',
    ),
  },
  {
    key: 'FFMPEG_CMD',
    type: 'string',
    group: 'site',
    defaultValue: 'ffmpeg',
    help: bi(
      'ffmpeg program: a path, or a name looked up on PATH.',
      'Programme ffmpeg : un chemin, ou un nom cherché dans le PATH.',
    ),
  },
  {
    key: 'FFPROBE_CMD',
    type: 'string',
    group: 'site',
    defaultValue: 'ffprobe',
    help: bi(
      'ffprobe program: a path, or a name looked up on PATH.',
      'Programme ffprobe : un chemin, ou un nom cherché dans le PATH.',
    ),
  },
  {
    key: 'FFMPEG_PRESET',
    type: 'string',
    group: 'site',
    defaultValue: regieDefaultPreset,
    help: bi(
      "x264 preset of the encodes. Régie's default medium matched or beat the quality (SSIM) of Pod's slow in 0.44–0.49× Pod's time (npm run bench:encode, 2 runs on a 2-core machine); slow gives Pod's exact parameters.",
      'Préréglage x264 des encodages. Le medium de Régie a égalé ou dépassé la qualité (SSIM) du slow de Pod en 0,44–0,49× le temps de Pod (npm run bench:encode, 2 passes sur une machine à 2 cœurs) ; slow donne exactement les paramètres de Pod.',
    ),
  },
  {
    key: 'VIDEO_RENDITIONS',
    type: 'renditions',
    group: 'site',
    defaultValue: podDefaultRenditions,
    help: bi(
      "Renditions encoded for every video (Pod's VideoRendition): the lowest is always made, the others when the source is high enough (within the threshold); encode_mp4 also writes an MP4. Only maxrate (also the buffer size) and audio_bitrate reach ffmpeg, as in Pod.",
      'Rendus encodés pour chaque vidéo (VideoRendition de Pod) : le plus bas est toujours produit, les autres si la source est assez haute (au seuil près) ; encode_mp4 écrit aussi un MP4. Seuls maxrate (aussi taille du tampon) et audio_bitrate vont à ffmpeg, comme dans Pod.',
    ),
  },
  {
    key: 'BBB_POLL_SECONDS',
    type: 'integer',
    group: 'bbb',
    defaultValue: 30,
    help: bi(
      'Seconds between two polls of the BigBlueButton servers (running meetings and their moderators).',
      'Secondes entre deux interrogations des serveurs BigBlueButton (réunions en cours et leurs modérateurs).',
    ),
  },
  {
    key: 'BBB_USERNAME_FORMAT',
    type: 'string',
    group: 'bbb',
    defaultValue: 'first_name last_name',
    choices: ['first_name last_name', 'last_name first_name'],
    help: bi(
      'How BBB shows a name: "first_name last_name" or "last_name first_name" (Pod\'s setting). Moderators are matched to users on that name, exactly (case, accents and hyphens aside).',
      'Comment BBB affiche un nom : « first_name last_name » ou « last_name first_name » (réglage de Pod). Les modérateurs sont rapprochés des utilisateurs sur ce nom, exactement (casse, accents et tirets mis à part).',
    ),
  },
  {
    key: 'DEFAULT_BBB_PATH',
    type: 'string',
    group: 'bbb',
    defaultValue: '',
    help: bi(
      "Folder where bbb-recorder and live downloads drop <internal meeting id>.mkv/.webm files; they are published to the meeting's owner. Empty: <data>/bbb-recorder.",
      'Dossier où bbb-recorder et les téléchargements de directs déposent des fichiers <identifiant interne>.mkv/.webm ; ils sont publiés au propriétaire de la réunion. Vide : <données>/bbb-recorder.',
    ),
  },
  {
    key: 'BBB_PUBLICATION_DAYS',
    type: 'integer',
    group: 'bbb',
    defaultValue: 4,
    help: bi(
      'Recordings are looked up for the meetings of the last N days (Pod: 4).',
      'Les enregistrements sont cherchés pour les réunions des N derniers jours (Pod : 4).',
    ),
  },
  {
    key: 'DEFAULT_BBB_TYPE_ID',
    type: 'integer',
    group: 'bbb',
    defaultValue: 1,
    help: bi('Video type of published BBB recordings.', 'Type des vidéos publiées depuis BBB.'),
  },
  {
    key: 'BBB_TIMEOUT_SECONDS',
    type: 'integer',
    group: 'bbb',
    defaultValue: 10,
    help: bi(
      'Longest wait for one BBB API answer; a slower server is marked unreachable for that poll.',
      "Attente maximale d'une réponse de l'API BBB ; un serveur plus lent est marqué injoignable pour ce passage.",
    ),
  },
  {
    key: 'BBB_CONVERT_SIZE',
    type: 'string',
    group: 'bbb',
    defaultValue: '1280x720',
    choices: ['1280x720', '1920x1080', '960x540', '640x360'],
    help: bi(
      'Picture size of the videos made from BBB presentation recordings (width×height).',
      "Taille d'image des vidéos faites à partir des enregistrements BBB « presentation » (largeur×hauteur).",
    ),
  },
  {
    key: 'BBB_CONVERT_LAYOUT',
    type: 'string',
    group: 'bbb',
    defaultValue: 'slides+webcams',
    choices: ['slides', 'slides+webcams'],
    help: bi(
      "What the converted video shows: the slides only, or the slides with a webcam strip (as BBB's own video format). Without webcam pictures, the slides only.",
      'Ce que montre la vidéo convertie : les diapositives seules, ou avec une bande de webcams (comme le format vidéo de BBB). Sans image de webcam, les diapositives seules.',
    ),
  },
  {
    key: 'BBB_CONVERT_CHAT',
    type: 'boolean',
    group: 'bbb',
    defaultValue: false,
    help: bi(
      'Show the public chat as a side panel in converted videos.',
      'Afficher la discussion publique en panneau latéral dans les vidéos converties.',
    ),
  },
  {
    key: 'CHROMIUM_CMD',
    type: 'string',
    group: 'site',
    defaultValue: '/usr/bin/chromium',
    help: bi(
      'Chromium program for the "capture" conversion method (the server\'s own player, step by step).',
      'Programme Chromium pour la méthode de conversion « capture » (le lecteur du serveur, pas à pas).',
    ),
  },
  {
    key: 'MIGRATION_CONCURRENCY',
    type: 'integer',
    group: 'bbb',
    defaultValue: 2,
    help: bi(
      'Recordings a migration downloads or converts at the same time (regie migrate).',
      'Enregistrements téléchargés ou convertis en même temps par une migration (regie migrate).',
    ),
  },
  {
    key: 'MIGRATION_IGNORED_SERVERS',
    type: 'stringList',
    group: 'bbb',
    defaultValue: [],
    help: bi(
      "Origin servers (bbb-origin-server-name) whose recordings are not looked up in Moodle (Pod's IGNORED_SERVERS).",
      "Serveurs d'origine (bbb-origin-server-name) dont les enregistrements ne sont pas cherchés dans Moodle (IGNORED_SERVERS de Pod).",
    ),
  },
  {
    key: 'MIGRATION_MOODLE_NOTICE',
    type: 'string',
    group: 'bbb',
    defaultValue:
      "<p class='alert alert-info'>Les enregistrements de cette activité BigBlueButton ont été repris dans Pod : retrouvez-les dans Pod, rubrique « Mes vidéos » ou « Mes vidéos externes ».</p>",
    help: bi(
      "HTML added once to a Moodle BigBlueButton activity's description by an import-video migration with Moodle (only on connections allowed to write it); empty: none.",
      "HTML ajouté une fois à la description d'une activité BigBlueButton de Moodle par une migration en import de vidéos avec Moodle (seulement sur les connexions autorisées à l'écrire) ; vide : aucun.",
    ),
  },
  {
    key: 'BBB_ERROR_DIGEST_MINUTES',
    type: 'integer',
    group: 'bbb',
    defaultValue: 60,
    help: bi(
      'BBB errors are mailed to ADMINS as one digest at most every N minutes.',
      'Les erreurs BBB sont envoyées aux ADMINS en un récapitulatif au plus toutes les N minutes.',
    ),
  },
  {
    key: 'REGIE_ENCODING_CONCURRENCY',
    type: 'integer',
    group: 'site',
    defaultValue: 1,
    help: bi('Encodes run at the same time.', 'Encodages menés en même temps.'),
  },
  {
    key: 'REGIE_MIN_FREE_MB',
    type: 'integer',
    group: 'site',
    defaultValue: 1000,
    help: bi(
      'Free disk space (MB) the data folder must have before an encode starts; 0 turns the check off.',
      "Espace disque libre (Mo) que le dossier de données doit avoir avant qu'un encodage commence ; 0 désactive le contrôle.",
    ),
  },
  {
    key: 'REGIE_SOURCE_AFTER_PUBLISH',
    type: 'string',
    group: 'site',
    defaultValue: 'archive',
    help: bi(
      'What happens to a source once its video is verified and published: keep, archive (<data>/archive) or delete.',
      'Ce que devient une source une fois sa vidéo vérifiée et publiée : keep (garder), archive (<données>/archive) ou delete (supprimer).',
    ),
  },
  {
    key: 'POD_URL',
    type: 'string',
    group: 'pod',
    defaultValue: '',
    help: bi(
      'Address of the Pod server whose REST API Régie reads and publishes to (https://pod.univ.fr). Empty: no Pod.',
      "Adresse du serveur Pod dont Régie lit l'API REST et où il publie (https://pod.univ.fr). Vide : pas de Pod.",
    ),
  },
  {
    key: 'POD_TOKEN',
    type: 'string',
    group: 'pod',
    defaultValue: '',
    isSecret: true,
    help: bi(
      "Token of a staff user of Pod (Pod's admin → Tokens), sent as `Authorization: Token …`; stored encrypted.",
      "Jeton d'un utilisateur « statut équipe » de Pod (admin de Pod → Jetons), envoyé en `Authorization: Token …` ; stocké chiffré.",
    ),
  },
  {
    key: 'POD_TLS_VERIFY',
    type: 'boolean',
    group: 'pod',
    defaultValue: true,
    help: bi(
      "Check Pod's TLS certificate. Turn off only for a test Pod with a self-signed certificate.",
      'Vérifier le certificat TLS de Pod. À désactiver seulement pour un Pod de test au certificat auto-signé.',
    ),
  },
  {
    key: 'POD_MIRROR_MINUTES',
    type: 'integer',
    group: 'pod',
    defaultValue: 60,
    help: bi(
      "Minutes between two mirrors of Pod's users, types, recorders and broadcasters; 0: on demand only.",
      'Minutes entre deux miroirs des utilisateurs, types, enregistreurs et diffuseurs de Pod ; 0 : à la demande seulement.',
    ),
  },
  {
    key: 'POD_PUBLISH',
    type: 'string',
    group: 'pod',
    defaultValue: 'draft',
    choices: ['off', 'draft', 'public'],
    help: bi(
      "Each verified video goes to its owner's Pod videos: off, draft (only the owner sees it) or public.",
      'Chaque vidéo vérifiée part dans les vidéos Pod de son propriétaire : off (non), draft (brouillon, visible du seul propriétaire) ou public.',
    ),
  },
  {
    key: 'POD_PUBLISH_FILE',
    type: 'string',
    group: 'pod',
    defaultValue: 'source',
    choices: ['source', 'best_mp4'],
    help: bi(
      "File sent to Pod, which encodes it again: the source, or Régie's best MP4 (smaller; used anyway once the source is gone).",
      "Fichier envoyé à Pod, qui le réencode : la source, ou le meilleur MP4 de Régie (plus léger ; utilisé de toute façon quand la source n'est plus là).",
    ),
  },
  {
    key: 'POD_SITE_ID',
    type: 'integerOrNull',
    group: 'pod',
    defaultValue: null,
    help: bi(
      'Pod site the videos are published on (Pod requires one). Empty: the first site of the mirror.',
      'Site Pod où les vidéos sont publiées (Pod en exige un). Vide : le premier site du miroir.',
    ),
  },
  {
    key: 'POD_TIMEOUT_SECONDS',
    type: 'integer',
    group: 'pod',
    defaultValue: 30,
    help: bi(
      'Longest wait for an answer of Pod (an upload may last longer: this bounds the silences).',
      "Attente maximale d'une réponse de Pod (un envoi peut durer plus : c'est la limite des silences).",
    ),
  },
  {
    key: 'POD_ENCODING_POLL_SECONDS',
    type: 'integer',
    group: 'pod',
    defaultValue: 30,
    help: bi(
      "Seconds between two reads of a video's encoding step while Pod encodes it.",
      "Secondes entre deux lectures de l'étape d'encodage d'une vidéo pendant que Pod l'encode.",
    ),
  },
  {
    key: 'POD_DB_ENGINE',
    type: 'string',
    group: 'pod',
    defaultValue: '',
    choices: ['', 'mysql', 'postgres'],
    help: bi(
      "Pod's database, only for a migration that writes Pod's external recordings (regie migrate --to pod-db): mysql or postgres; empty: none.",
      'Base de Pod, seulement pour une migration qui écrit les vidéos externes de Pod (regie migrate --to pod-db) : mysql ou postgres ; vide : aucune.',
    ),
  },
  {
    key: 'POD_DB_HOST',
    type: 'string',
    group: 'pod',
    defaultValue: '',
    help: bi("Host of Pod's database.", 'Hôte de la base de Pod.'),
  },
  {
    key: 'POD_DB_PORT',
    type: 'integerOrNull',
    group: 'pod',
    defaultValue: null,
    help: bi(
      "Port of Pod's database; empty: 3306 or 5432.",
      'Port de la base de Pod ; vide : 3306 ou 5432.',
    ),
  },
  {
    key: 'POD_DB_NAME',
    type: 'string',
    group: 'pod',
    defaultValue: '',
    help: bi("Name of Pod's database.", 'Nom de la base de Pod.'),
  },
  {
    key: 'POD_DB_USER',
    type: 'string',
    group: 'pod',
    defaultValue: '',
    help: bi("User of Pod's database.", 'Utilisateur de la base de Pod.'),
  },
  {
    key: 'POD_DB_PASSWORD',
    type: 'string',
    group: 'pod',
    defaultValue: '',
    isSecret: true,
    help: bi(
      "Password of Pod's database (stored encrypted).",
      'Mot de passe de la base de Pod (stocké chiffré).',
    ),
  },
  {
    key: 'POD_DB_SITE_ID',
    type: 'integer',
    group: 'pod',
    defaultValue: 1,
    help: bi(
      "Pod site of the external recordings written in Pod's database.",
      'Site Pod des vidéos externes écrites dans la base de Pod.',
    ),
  },
  {
    key: 'EMAIL_HOST',
    type: 'string',
    group: 'email',
    defaultValue: 'localhost',
    help: bi('SMTP server.', 'Serveur SMTP.'),
  },
  {
    key: 'EMAIL_PORT',
    type: 'integer',
    group: 'email',
    defaultValue: 25,
    help: bi('SMTP port.', 'Port SMTP.'),
  },
  {
    key: 'EMAIL_HOST_USER',
    type: 'string',
    group: 'email',
    defaultValue: '',
    help: bi('SMTP user.', 'Utilisateur SMTP.'),
  },
  {
    key: 'EMAIL_HOST_PASSWORD',
    type: 'string',
    group: 'email',
    defaultValue: '',
    isSecret: true,
    help: bi('SMTP password (stored encrypted).', 'Mot de passe SMTP (stocké chiffré).'),
  },
  {
    key: 'EMAIL_USE_TLS',
    type: 'boolean',
    group: 'email',
    defaultValue: false,
    help: bi('STARTTLS.', 'STARTTLS.'),
  },
  {
    key: 'EMAIL_USE_SSL',
    type: 'boolean',
    group: 'email',
    defaultValue: false,
    help: bi('Implicit TLS.', 'TLS implicite.'),
  },
  {
    key: 'DEFAULT_FROM_EMAIL',
    type: 'string',
    group: 'email',
    defaultValue: 'noreply@univ.fr',
    help: bi('Sender of the emails.', 'Expéditeur des courriels.'),
  },
  {
    key: 'ADMINS',
    type: 'people',
    group: 'email',
    defaultValue: [],
    help: bi(
      'Admins told of errors: name and email.',
      'Administrateurs prévenus des erreurs : nom et courriel.',
    ),
  },
  {
    key: 'MANAGERS',
    type: 'people',
    group: 'email',
    defaultValue: [],
    help: bi('Managers: name and email.', 'Gestionnaires : nom et courriel.'),
  },
  {
    key: 'TITLE_SITE',
    type: 'string',
    group: 'site',
    defaultValue: 'Pod',
    help: bi(
      'Name of the Pod site, used in emails.',
      'Nom du site Pod, utilisé dans les courriels.',
    ),
  },
  {
    key: 'LANGUAGE_CODE',
    type: 'string',
    group: 'site',
    defaultValue: 'fr',
    help: bi('Language of emails sent by Régie.', 'Langue des courriels envoyés par Régie.'),
  },
  {
    key: 'USE_MEETING_WEBINAR',
    type: 'boolean',
    group: 'webinar',
    defaultValue: false,
    help: bi('Enable webinars.', 'Activer les webinaires.'),
  },
  {
    key: 'MEETING_WEBINAR_SIPMEDIAGW_URL',
    type: 'string',
    group: 'webinar',
    defaultValue: '',
    help: bi('SIPMediaGW server URL.', 'URL du serveur SIPMediaGW.'),
  },
  {
    key: 'MEETING_WEBINAR_SIPMEDIAGW_TOKEN',
    type: 'string',
    group: 'webinar',
    defaultValue: '',
    isSecret: true,
    help: bi('SIPMediaGW bearer token (stored encrypted).', 'Jeton SIPMediaGW (stocké chiffré).'),
  },
  {
    key: 'MEETING_WEBINAR_AFFILIATION',
    type: 'stringList',
    group: 'webinar',
    defaultValue: ['faculty', 'employee', 'staff'],
    help: bi(
      'Affiliations allowed to create webinars (besides superusers and the admin group).',
      "Affiliations autorisées à créer des webinaires (en plus des super-utilisateurs et du groupe d'administration).",
    ),
  },
  {
    key: 'MEETING_WEBINAR_GROUP_ADMIN',
    type: 'string',
    group: 'webinar',
    defaultValue: 'meeting webinar admin',
    help: bi(
      'Group whose members may create webinars whatever their affiliation.',
      'Groupe dont les membres peuvent créer des webinaires quelle que soit leur affiliation.',
    ),
  },
  {
    key: 'WEBINAR_PUBLIC_URL',
    type: 'string',
    group: 'webinar',
    defaultValue: '',
    help: bi(
      "Public address of Régie's web host as the SIPMediaGW gateways reach it (https://regie.univ.fr): the join relay is served there.",
      "Adresse publique de l'hôte web de Régie telle que les passerelles SIPMediaGW la joignent (https://regie.univ.fr) : le relais d'accès y est servi.",
    ),
  },
  {
    key: 'WEBINAR_POLL_SECONDS',
    type: 'integer',
    group: 'webinar',
    defaultValue: 5,
    help: bi(
      'How often a live webinar asks BBB whether its meeting still runs; the live stops after two "not running" answers in a row.',
      "Fréquence à laquelle un webinaire en direct demande à BBB si sa réunion continue ; le direct s'arrête après deux réponses « terminée » de suite.",
    ),
  },
  {
    key: 'WEBINAR_TIMEOUT_SECONDS',
    type: 'integer',
    group: 'webinar',
    defaultValue: 15,
    help: bi(
      'Longest wait for one SIPMediaGW answer (a start can take several seconds: the gateway launches a browser).',
      "Attente maximale d'une réponse de SIPMediaGW (un démarrage peut prendre plusieurs secondes : la passerelle lance un navigateur).",
    ),
  },
  {
    key: 'WEBINAR_CHAT_PER_MINUTE',
    type: 'integer',
    group: 'webinar',
    defaultValue: 6,
    help: bi(
      'Listener messages one author may send per minute to a webinar chat.',
      "Messages qu'un même auteur peut envoyer par minute dans le chat d'un webinaire.",
    ),
  },
  {
    key: 'BBB_NUMBER_MAX_LIVES',
    type: 'integer',
    group: 'webinar',
    defaultValue: 1,
    help: bi('Maximum simultaneous BBB lives.', 'Nombre maximal de directs BBB simultanés.'),
  },
  {
    key: 'REGIE_OPERATOR',
    type: 'string',
    group: 'console',
    defaultValue: '',
    help: bi(
      'Username the console acts as. Empty: the local administrator.',
      "Identifiant sous lequel la console agit. Vide : l'administrateur local.",
    ),
  },
] as const satisfies readonly SettingDefinition[];

/** Every setting's key: a misspelt key in `settings.get('…')` does not compile. */
export type SettingKey = (typeof definitions)[number]['key'];

/** The value each setting type holds once checked (settings/values.ts). */
interface ValueOfType {
  string: string;
  boolean: boolean;
  integer: number;
  integerOrNull: number | null;
  stringList: string[];
  people: [string, string][];
  renditions: VideoRendition[];
}

/** The value of one setting, by its definition: `SettingValue<'RECORDER_QUIET_SECONDS'>` is a number. */
export type SettingValue<K extends SettingKey> = ValueOfType[Extract<
  (typeof definitions)[number],
  { key: K }
>['type']];

const byKey = new Map<string, SettingDefinition>(definitions.map((d) => [d.key, d]));
export const findDefinition = (key: string): SettingDefinition | undefined => byKey.get(key);
export const isSettingKey = (key: string): key is SettingKey => byKey.has(key);
