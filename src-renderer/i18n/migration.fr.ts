import type { migrationEn } from './migration.en';

/** Texte français du panneau Migration (issue #12 §7) ; les termes de Pod restent les siens. */
export const migrationFr: Record<keyof typeof migrationEn, string> = {
  'migration.title': 'Migration',
  'migration.intro':
    "Transférer les enregistrements d'un ancien serveur BigBlueButton ou Scalelite à leurs propriétaires : d'abord un plan, puis l'exécution ; une migration interrompue reprend là où elle s'est arrêtée.",
  'migration.tab.wizard': 'Assistant',
  'migration.tab.runs': 'Migrations passées',
  'migration.tab.externals': 'Vidéos externes',
  'migration.step.server': 'Serveur',
  'migration.step.filter': 'Filtre',
  'migration.step.mode': 'Mode',
  'migration.step.plan': 'Plan',
  'migration.step.run': 'Exécution',
  'migration.step.report': 'Rapport',
  'migration.back': 'Retour',
  'migration.next': 'Suivant',
  'migration.restart': 'Nouvelle migration',
  'migration.noServer':
    "Aucun serveur BigBlueButton pour l'instant. Ajoutez d'abord l'ancien serveur (URL de l'API et secret) dans BigBlueButton → Serveurs, puis revenez ici.",
  'migration.noServer.go': 'Aller à BigBlueButton',
  'migration.server': 'Serveur BBB ou Scalelite',
  'migration.server.pick': 'Choisissez le serveur dont les enregistrements partent',
  'migration.snapshot.reading': 'Lecture de la liste enregistrée…',
  'migration.snapshot.empty':
    'Régie ne connaît encore aucun enregistrement de ce serveur : actualisez la liste ci-dessous avant de planifier.',
  'migration.snapshot.count':
    '{count, plural, one {# enregistrement} other {# enregistrements}} dans la liste enregistrée, du {from} au {to}.',
  'migration.snapshot.refreshed':
    'Actualisée à {at} : {count, plural, one {# enregistrement listé} other {# enregistrements listés}} en {requests, plural, one {# requête} other {# requêtes}} ({mode}), {seconds} s.',
  'migration.snapshot.mode.paged': 'paginée',
  'migration.snapshot.mode.whole':
    'lue en entier : le serveur ignore offset/limit, comme Scalelite',
  'migration.snapshot.mode.by-meeting': 'réunion par réunion',
  'migration.snapshot.refresh': 'Actualiser la liste',
  'migration.snapshot.refresh.help':
    'Lit tous les enregistrements du serveur (getRecordings page par page quand le serveur le permet, en entier sur Scalelite) et les garde dans la base de Régie. Les plans lisent cette liste : actualisez-la quand le serveur a changé.',
  'migration.snapshot.refresh.failed': "La liste de {server} n'a pas pu être actualisée : {error}",
  'migration.filter.intro':
    "Par défaut, tous les enregistrements de la liste. Les positions comptent à partir de 1 = le plus récent, du plus récent au plus ancien par date de début puis identifiant : elles gardent le même sens d'une exécution à l'autre (--min/--max-value-record-process de Pod).",
  'migration.filter.from': 'Commencés à partir du',
  'migration.filter.to': "Commencés jusqu'au",
  'migration.filter.origin': "Serveur d'origine (bbb-origin-server-name)",
  'migration.filter.origin.placeholder': 'tous, p. ex. moodle.univ.fr',
  'migration.filter.states': 'États BBB',
  'migration.filter.states.placeholder': 'tous les états',
  'migration.filter.min': 'De la position',
  'migration.filter.max': 'À la position',
  'migration.filter.positions.help':
    "1 = l'enregistrement le plus récent ; « 1 à 2 », ce sont les deux plus récents.",
  'migration.mode.manual_claim': 'Revendication manuelle',
  'migration.mode.manual_claim.help':
    "Chaque enregistrement devient un fichier dans le dossier de dépôt d'un enregistreur (la vidéo téléchargée, sinon la présentation convertie), nommé avec son identifiant ; les propriétaires le revendiquent depuis leur boîte de réception.",
  'migration.mode.import_video': 'Import de vidéos externes',
  'migration.mode.import_video.help':
    "Une vidéo externe par enregistrement et par propriétaire (les modérateurs connus de Régie, ou ceux de Moodle), avec la seule URL de lecture : rien n'est téléchargé.",
  'migration.mode.export_csv': 'Export CSV',
  'migration.mode.export_csv.help':
    'Le CSV de Pod (séparé par des ;, une ligne par enregistrement), écrit dès le plan, comme le fait Pod.',
  'migration.recorder': 'Enregistreur qui reçoit les fichiers',
  'migration.recorder.none':
    "Aucun enregistreur pour l'instant : ajoutez-en un (sans gestionnaire) dans Enregistreurs avant de choisir ce mode.",
  'migration.recorder.managed':
    "{name} a un gestionnaire ({manager}) : les fichiers iraient à lui plutôt qu'au propriétaire de chaque enregistrement. Conseil de Pod : un enregistreur sans gestionnaire, avec ALLOW_MANUAL_RECORDING_CLAIMING activé.",
  'migration.recorder.claimOff':
    "ALLOW_MANUAL_RECORDING_CLAIMING est désactivé : les propriétaires ne pourront revendiquer les fichiers qu'une fois ce réglage activé dans Réglages.",
  'migration.admin': 'Propriétaire par défaut (admin)',
  'migration.admin.help':
    "Les enregistrements pour lesquels aucun autre propriétaire n'est trouvé reviennent à cet utilisateur (SCRIPT_ADMIN_ID de Pod).",
  'migration.admin.none': "Aucun utilisateur pour l'instant : ajoutez-en un dans Utilisateurs.",
  'migration.useMoodle': 'Utiliser Moodle',
  'migration.useMoodle.help':
    'Chercher les modérateurs dans la base de Moodle (--use-database-moodle de Pod). Les connexions se déclarent avec regie migrate moodle add.',
  'migration.csvPath': 'Fichier CSV à écrire',
  'migration.csvPath.placeholder': '/srv/exports/enregistrements-bbb.csv',
  'migration.plan.make': 'Établir le plan',
  'migration.plan.remake': 'Refaire le plan',
  'migration.plan.intro':
    "Une simulation : rien n'est encore téléchargé, converti ni écrit (sauf le CSV en mode export CSV). Vérifiez chaque ligne, puis lancez.",
  'migration.plan.none': 'Établissez le plan pour voir ce qui arrivera à chaque enregistrement.',
  'migration.plan.total': '{count, plural, one {# ligne} other {# lignes}}',
  'migration.plan.empty':
    'Aucun enregistrement ne correspond à ces filtres : élargissez-les (dates, positions, origine) ou actualisez la liste.',
  'migration.plan.saveCsv': 'Enregistrer le plan (CSV)',
  'migration.plan.filter': 'Afficher',
  'migration.plan.filter.all': 'Toutes les actions',
  'migration.action.download': 'Télécharger la vidéo',
  'migration.action.convert': 'Convertir la présentation',
  'migration.action.external': 'Vidéo externe',
  'migration.action.csv': 'Ligne CSV',
  'migration.action.skip': 'Ignorer',
  'migration.column.position': 'N°',
  'migration.column.date': 'Début',
  'migration.column.name': 'Enregistrement',
  'migration.column.action': 'Action',
  'migration.column.owners': 'Propriétaires',
  'migration.column.target': 'Fichier / URL',
  'migration.column.reason': 'Pourquoi',
  'migration.column.state': 'État',
  'migration.state.planned': 'À faire',
  'migration.state.running': 'En cours',
  'migration.state.done': 'Fait',
  'migration.state.skipped': 'Ignoré',
  'migration.state.failed': 'En échec',
  'migration.status.planned': 'Planifiée',
  'migration.status.running': 'En cours',
  'migration.status.done': 'Terminée',
  'migration.status.failed': 'Avec des échecs',
  'migration.status.cancelled': 'Annulée',
  'migration.run.launch': 'Lancer la migration',
  'migration.run.intro':
    "L'exécution refait le plan avec les mêmes options (la liste a pu changer depuis la simulation), puis traite chaque ligne. Les lignes déjà faites sont ignorées.",
  'migration.run.keepOpen':
    "Les fichiers sont téléchargés et convertis par la file des travaux de cette console (panneau Encodages) : laissez Régie tourner jusqu'à la fin. S'il s'arrête, rouvrez la migration et reprenez-la : seules les lignes non faites sont traitées.",
  'migration.run.progress': '{done} lignes terminées sur {total}',
  'migration.run.resume': 'Reprendre',
  'migration.run.retry': 'Relancer les échecs',
  'migration.run.started':
    'Migration {id} lancée : {count, plural, one {# ligne} other {# lignes}}.',
  'migration.run.filter.all': 'Toutes les lignes',
  'migration.report.title': 'Migration {id} — {server}',
  'migration.report.dry': 'simulation',
  'migration.report.failedHint':
    'Chaque ligne en échec dit pourquoi dans sa ligne et au survol. Corrigez la cause, puis relancez les échecs : les lignes faites ne sont pas refaites.',
  'migration.report.allDone': 'Toutes les lignes sont faites ou ignorées.',
  'migration.runs.empty':
    "Aucune migration pour l'instant : commencez par l'onglet Assistant (choisir l'ancien serveur, filtrer, choisir un mode, vérifier le plan).",
  'migration.runs.open': 'Ouvrir',
  'migration.runs.back': 'Toutes les migrations',
  'migration.runs.column.id': 'Migration',
  'migration.runs.column.created': 'Planifiée le',
  'migration.runs.column.server': 'Serveur',
  'migration.runs.column.mode': 'Mode',
  'migration.runs.column.status': 'Statut',
  'migration.runs.column.lines': 'Lignes',
  'migration.externals.empty':
    "Aucune vidéo externe pour l'instant : lancez une migration en mode « Import de vidéos externes » ; chaque enregistrement apparaît alors ici avec son propriétaire.",
  'migration.externals.count': '{count, plural, one {# vidéo externe} other {# vidéos externes}}',
  'migration.externals.column.name': 'Nom',
  'migration.externals.column.date': 'Enregistré le',
  'migration.externals.column.owner': 'Propriétaire',
  'migration.externals.column.source': 'Source',
  'migration.externals.column.state': 'État',
  'migration.externals.open': 'Ouvrir la lecture',
  'migration.externals.state.none': 'Non convertie',
  'migration.externals.state.queued': "En file d'attente",
  'migration.externals.state.converting': 'En conversion',
  'migration.externals.state.published': 'Publiée',
  'migration.externals.state.failed': 'En échec',
  'migration.externals.search': 'Chercher par nom, propriétaire ou identifiant',
  'migration.externals.publish': 'Publier',
  'migration.externals.publishHelp':
    "Convertit l'enregistrement (ou télécharge sa vidéo) et l'ajoute à la vidéothèque au nom de son propriétaire ; il part ensuite dans Pod si POD_PUBLISH le prévoit.",
  'migration.externals.publishQueued': '« {name} » est en file : conversion, puis vidéothèque.',
};
