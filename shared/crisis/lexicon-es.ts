import type { CrisisLexicon, CrisisRule } from "./types.ts";

/*
 * Spanish (Spain and Latin America). Patterns run on normalised text: lower case, accents
 * removed ("daño" → "dano", "mí" → "mi"). Clitic forms are spelled out ("matarme", "me voy a matar").
 */
const r = (source: string, category: CrisisRule["category"], weight: number, extra: Partial<CrisisRule> = {}): CrisisRule => ({
  pattern: new RegExp(source, "g"),
  category,
  weight,
  ...extra,
});

const selfHarm: CrisisRule[] = [
  r(String.raw`\b(?:matarme|suicidarme|ahorcarme|colgarme|tirarme|envenenarme|cortarme|quemarme|lastimarme|herirme|morirme|autolesionarme)\b`, "self-harm", 0.9),
  r(String.raw`\bme (?:voy a|quiero|pienso|tengo que) (?:matar|suicidar|morir|ahorcar|tirar|cortar|quitar la vida)\b`, "self-harm", 1),
  r(String.raw`\b(?:quiero|quisiera|queria|necesito) (?:morir|morirme|desaparecer para siempre|dejar de existir|no despertar)\b|\bme quiero morir\b|\bganas de morir(?:me)?\b`, "self-harm", 1, { hyperbole: true }),
  r(String.raw`\b(?:quitarme|quitar(?:me)? la|acabar con mi|terminar con mi) vida\b|\bme quiero quitar la vida\b`, "self-harm", 1, { explicit: true }),
  r(String.raw`\bacabar con todo\b|\bque todo (?:termine|acabe|se acabe)\b|\bterminar con todo\b`, "self-harm", 0.8),
  r(String.raw`\bsuicida\b`, "self-harm", 0.9),
  r(String.raw`\bsuicidio\b`, "self-harm", 0.35),
  r(String.raw`\b(?:pienso|pensando|pense|pensaba|he pensado) en (?:el suicidio|matarme|morir(?:me)?|suicidarme|quitarme la vida|tirarme|acabar con todo)\b`, "self-harm", 0.9),
  r(String.raw`\b(?:intente|intento|intentado) (?:suicidarme|matarme|quitarme la vida)\b`, "self-harm", 1),
  r(String.raw`\b(?:unica|ultima) salida\b|\bno hay salida\b`, "self-harm", 0.6),
  r(String.raw`\bya no quiero (?:estar aqui|vivir|seguir|existir|seguir viviendo|despertar)\b`, "self-harm", 1),
  r(String.raw`\bno quiero (?:seguir viviendo|vivir mas|vivir|despertar(?:me)? nunca|seguir aqui|existir|despertar)\b`, "self-harm", 0.8),
  r(String.raw`\b(?:estarian|estaria|estarias|estariamos|estara|vivirian) mejor sin mi\b|\bmejor sin mi\b`, "self-harm", 1),
  r(String.raw`\b(?:preferiria|prefiero) estar muert[oa]\b|\bojala (?:estuviera|estuviese|me muriera|no despertara|no hubiera nacido)\b|\b(?:estaria|estaria yo) mejor muert[oa]\b|\blo mejor seria que me (?:muriera|fuera para siempre)\b`, "self-harm", 1),
  r(String.raw`\b(?:dormirme|dormir) y no despertar\b|\bno despertar (?:nunca|mas|manana)\b`, "self-harm", 0.9),
  r(String.raw`\bno (?:le )?veo (?:sentido|razon) (?:a|para) (?:la vida|vivir|seguir)\b|\bno tengo (?:razones|motivos|razon|motivo) para (?:vivir|seguir)\b|\bla vida no vale la pena\b|\bcansad[oa] de vivir\b`, "self-harm", 0.9),
  r(String.raw`\bsoy una carga\b|\bser una carga\b`, "self-harm", 0.7),
  r(String.raw`\b(?:regalando|regale|regalar|repartiendo) (?:todas )?mis cosas\b`, "self-harm", 0.8),
  r(String.raw`\bcarta de despedida\b|\b(?:ya )?me (?:despedi|he despedido) de todos\b|\bdejar una carta\b`, "self-harm", 0.8, { explicit: true }),
  r(String.raw`\badios a todos\b.{0,40}\b(?:por intentarlo|por todo|para siempre|lo siento)\b`, "self-harm", 0.8),
  r(String.raw`\bno (?:voy a|vaya a) estar (?:aqui|mas) (?:la semana que viene|manana|mucho tiempo|mucho mas)\b`, "self-harm", 0.6, { hyperbole: true }),
  r(String.raw`\b(?:nadie|ninguno) (?:me )?(?:echaria|extranaria|notaria|notara|echara)(?: de menos)?(?: si (?:me muero|muero|desapareciera|desaparezco|no estoy|me voy))?\b`, "self-harm", 0.8),
  r(String.raw`\b(?:tomarme|tomar|tragarme) (?:todas )?(?:las|mis) pastillas\b|\b(?:guardadas|acumulando|guardando) (?:las )?pastillas\b|\bcuantas pastillas\b|\bsobredosis\b`, "self-harm", 0.8, { explicit: true }),
  r(String.raw`\b(?:compre|tengo) (?:una cuerda|un arma|una pistola)\b.{0,30}\b(?:garaje|guardada|casa|preparada)\b|\bya tengo un plan\b`, "self-harm", 0.9, { explicit: true }),
  r(String.raw`\b(?:tirarme|saltar|lanzarme) (?:del|de un|desde el|por el|al) (?:puente|edificio|tejado|balcon|tren|metro|acantilado|vacio)\b`, "self-harm", 0.9),
  r(String.raw`\bchocar el coche a proposito\b|\b(?:estrellarme|estrellar el coche)\b`, "self-harm", 0.8),
  r(String.raw`\b(?:hacerme|me hago|me hice|me haga|me haria|me hare|hacerme) dano\b`, "self-harm", 0.9),
  r(String.raw`\bme (?:corte|corto|he vuelto a cortar|vuelvo a cortar|quemo|queme|autolesiono|lastimo)\b`, "self-harm", 0.8),
  r(String.raw`\bautolesion(?:es)?\b`, "self-harm", 0.4),
  r(String.raw`\b(?:me )?autolesion(?:o|aba|ando)\b`, "self-harm", 0.8),
  r(String.raw`\bdesaparecer para siempre\b|\bdejar de existir\b`, "self-harm", 0.9),
  r(String.raw`\b(?:si|cuando) me muero\b|\bsolo morirme\b|\bque me muriera\b`, "self-harm", 0.6),
  r(String.raw`\bya no quiero seguir\b`, "self-harm", 0.9),
];

/** Broader signals: a wish, intent or plan and a death or ending in the same stretch of a sentence. */
const INTENT = String.raw`(?:quiero|quisiera|queria|ganas de|voy a|pienso|pensando|prefiero|preferiria|mejor|buscando|decidi|decidido|serian mas felices|estarian mejor|estaria mejor)`;
const DEATH = String.raw`(?:morir|morirme|muert[oa]|muerte|formas de morir|no despertar|no despertara|dormir para siempre|no estuviera|no estar|desaparecer|irme para siempre|acabar con todo)`;
const broad: CrisisRule[] = [
  r(String.raw`\b${INTENT}\b.{0,40}\b${DEATH}\b`, "self-harm", 0.8, { hyperbole: true }),
  r(String.raw`\bno (?:creo que )?(?:sobreviva|sobrevivire|aguante|llegue a)\b`, "self-harm", 0.7),
  r(String.raw`\b(?:me rasco|me araño|me golpeo|me pego|me corto|me quemo)\b.{0,30}\b(?:sangrar|sangre|marcas|cicatrices)\b|\bhasta sangrar\b`, "self-harm", 0.8),
  r(String.raw`\b(?:juntando|guardando|acumulando|ahorrando) (?:las |mis )?pastillas\b`, "self-harm", 0.9, { explicit: true }),
  r(String.raw`\b(?:esta noche|hoy|este fin de semana) lo voy a hacer\b|\blo voy a hacer\b.{0,20}\b(?:decidi|decidido|esta noche)\b`, "self-harm", 0.8),
  r(String.raw`\b(?:hice|hecho|redacte|actualice) (?:el|mi) testamento\b|\ble di (?:el perro|el gato|mis cosas|mi mascota)\b`, "self-harm", 0.6),
  r(String.raw`\b(?:ya )?no tiene sentido (?:nada|vivir|seguir)\b|\bno veo (?:ningun|un) futuro\b|\bno hay futuro para mi\b|\bpara que sirvo\b|\bestoy acabad[oa]\b`, "self-harm", 0.8),
  r(String.raw`\bno se si quiero (?:seguir viv[oa]|vivir|seguir|estar aqui|existir)\b|\bharto de (?:estar viv[oa]|vivir)\b|\bsolo quiero irme\b`, "self-harm", 0.9),
];

/**
 * Generalising rules (2026-12-03), from what the first unseen set missed: plain first-person
 * statements without the set phrases above (see lexicon-en.ts).
 */
const general: CrisisRule[] = [
  r(String.raw`\b(?:planear|planeando|planeado|planeo|pensando en|preparando|decidido)\b.{0,20}\b(?:mi )?suicidio\b|\bmi suicidio\b`, "self-harm", 0.9, { explicit: true }),
  r(String.raw`\bno merezco (?:vivir|estar viv[oa]|existir|estar aqui|despertar)\b|\bdeberia (?:morirme|estar muert[oa]|desaparecer|no existir)\b|\bno deberia haber nacido\b`, "self-harm", 0.9),
  r(String.raw`\bojala\b.{0,30}\b(?:me (?:atropell\w*|mat\w*|llev\w*|aplast\w*))\b|\bojala (?:un|una|el|la) \w+ me (?:atropell|mat|llev)\w*`, "self-harm", 0.9),
  r(String.raw`\b(?:estarian|estaria|estarias|estara|serian|seria) (?:bien|mas felices|mas feliz|mejor|tranquil[oa]s?|libres?) (?:sin mi|si (?:yo )?no (?:estuviera|estuviese|existiera))\b|\b(?:mas felices|mejor|bien) si (?:yo )?no (?:estuviera|estuviese|existiera)\b`, "self-harm", 0.9),
  r(String.raw`\bme odio\b|\bsoy un fracaso\b|\bno valgo nada\b|\bsoy una carga\b`, "self-harm", 0.35),
  r(String.raw`\b(?:quiero|quisiera|necesito) desaparecer\b`, "self-harm", 0.6, { hyperbole: true }),
  r(String.raw`\b(?:tomarme|tragarme|tomar|tragar)\b.{0,15}\b(?:todo el botiquin|todas las pastillas|la caja entera|el frasco entero|todo el frasco|todas mis pastillas)\b`, "self-harm", 0.9, { explicit: true }),
  r(String.raw`\b(?:pastillas|cuerda|pistola|cuchilla)\b.{0,25}\b(?:preparad[ao]s?|listas?|contadas|delante de mi)\b`, "self-harm", 0.9, { explicit: true }),
  r(String.raw`\b(?:estrellar|estrellarme|chocar|tirar) (?:el|mi) (?:coche|carro|auto|camion|moto)\b.{0,20}\b(?:a proposito|aposta|adrede|queriendo)\b|\bestrellarme (?:con|contra)\b`, "self-harm", 0.9),
  r(String.raw`\b(?:escrito|escribi|escribiendo|deje|dejado) (?:unas? )?(?:cartas?|notas?) (?:a|para) (?:mis|mi) (?:hijos|hijas|hijo|hija|mujer|familia|pareja|madre|padre|padres)\b.{0,25}\b(?:por si|para cuando|cuando ya no)\b`, "self-harm", 0.9, { explicit: true }),
  r(String.raw`\b(?:miro|mirando|mire|asomo|asomandome) (?:el|al|la) (?:puente|vacio|via|vias|acantilado|tejado|rio)\b.{0,40}\b(?:pienso|pensando|lo pienso|tentado)\b`, "self-harm", 0.9),
  r(String.raw`\b(?:hora|lista?|decidido|voy) (?:de |a )?acabar con todo\b|\besta noche acabo\b|\bacabo con todo\b`, "self-harm", 0.9),
  r(String.raw`\bno puedo seguir (?:viviendo|asi)\b|\bquiero acabar\b(?! (?:el|la|los|las|de|esto del) )`, "self-harm", 0.8),
  r(String.raw`\bdejar de estar viv[oa]\b|\bdejar de vivir\b`, "self-harm", 0.9),
  r(String.raw`\b(?:lo|la|los) mataria\b.{0,20}\b(?:en serio|de verdad|lo digo)\b|\blo digo en serio\b.{0,20}\bmat\w+\b|\bsi (?:se )?\w+ .{0,30}\b(?:lo|la) mato\b`, "harm-to-others", 1),
  r(String.raw`\b(?:estallar|perder el control|explotar)\b.{0,20}\b(?:hacerle dano|pegarle|matarl[oa]|hacer dano)\b`, "harm-to-others", 0.9),
  r(String.raw`\b(?:me (?:volvieron|volvio|han vuelto|ha vuelto) a (?:pegar|golpear|agredir))\b|\bme pegan? (?:en casa|otra vez)\b`, "abuse", 0.9),
  r(String.raw`\bme (?:encierra|encerro|encierran|encerraron) (?:en|con llave)\b|\bme tira(?:n)? cosas\b|\bme tiro (?:cosas|\w+) (?:a la cabeza|encima)\b`, "abuse", 0.9),
  r(String.raw`\b(?:mi )?(?:mujer|marido|pareja|novia|novio|padre|madre|padrastro|hermano) me (?:pega|golpea|maltrata|agrede|ahoga)\b`, "abuse", 1),
  r(String.raw`\b(?:en una espiral|no puedo salir de (?:esta|aqui|mi cabeza))\b|\bno puedo salir\b`, "distress", 0.5, { hyperbole: true }),
  r(String.raw`\b(?:aterrad[oa]|en panico|asustad[oa])\b.{0,25}\b(?:temblando|no se que hacer|no puedo pensar)\b|\bya no se que hacer\b`, "distress", 0.7),
  r(String.raw`\b(?:al limite|no puedo mas)\b.{0,30}\b(?:nadie|sol[oa])\b|\bno tengo a nadie\b`, "distress", 0.6),
];

const harmToOthers: CrisisRule[] = [
  r(String.raw`\b(?:voy a|quiero|pienso|le voy a|lo voy a|la voy a|los voy a) (?:matarlo|matarla|matarlos|matar a|apunalarlo|apunalarla|pegarle|hacerle dano|hacer dano a)\b`, "harm-to-others", 1),
  r(String.raw`\b(?:lo|la|los|las) (?:voy a matar|mato|matare|voy a apunalar)\b`, "harm-to-others", 1),
  r(String.raw`\b(?:ganas|impulsos|miedo) de (?:hacerle|hacer) dano\b|\bhacerle dano a (?:alguien|mi|mis)\b|\bhacer dano a (?:alguien|mis|mi)\b`, "harm-to-others", 0.9),
  r(String.raw`\bhasta matarlo\b|\bhasta matarla\b|\bpegarle a alguien\b|\bhacer que pague\b|\ble hare dano\b`, "harm-to-others", 0.9),
  r(String.raw`\btengo un (?:cuchillo|arma|pistola)\b`, "harm-to-others", 0.5),
  r(String.raw`\b(?:ganas de|quiero|voy a) (?:estrangular|apunalar|matar|pegar|golpear|hacer dano) (?:a|al)\b|\b(?:le|les) voy a (?:hacer dano|pegar|matar)\b|\bme asusta lo que (?:pueda|podria) hacer\b`, "harm-to-others", 0.9, { hyperbole: true }),
];

const abuse: CrisisRule[] = [
  r(String.raw`\bme (?:pega|pegan|pego|golpea|golpean|golpeo|maltrata|maltratan|amenaza|amenazan|amenazo|toca|toco|viola|violo|violaron|ahorco|ahoga|estrangulo|hace dano|hizo dano|volvio a pegar|patea)\b`, "abuse", 1),
  r(String.raw`\b(?:amenazo|amenaza) con matarme\b|\bme (?:mataria|matara|va a matar) si (?:me voy|lo dejo|la dejo|hablo|cuento|denuncio)\b`, "abuse", 1),
  r(String.raw`\bmiedo de (?:volver|ir) a casa\b|\bno estoy (?:segur[oa]|a salvo) en casa\b|\bestoy en peligro\b|\btemo por mi vida\b|\bmiedo de que me (?:haga|hagan) dano\b|\bmiedo de que me (?:mate|maten)\b`, "abuse", 1),
  r(String.raw`\b(?:sufriendo|sufro|sufri) (?:maltrato|abuso|violencia)\b|\bme (?:estan|esta) maltratando\b`, "abuse", 1),
  r(String.raw`\b(?:dice|dijo|amenaza con|amenazo con)(?: que)? me (?:hara|va a hacer|haria) dano\b|\bdice que me (?:matara|va a matar)\b`, "abuse", 1),
  r(String.raw`\b(?:le )?tengo miedo (?:a|de) (?:mi )?(?:pareja|marido|esposo|mujer|novio|novia|padre|padrastro|madre|ex)\b`, "abuse", 0.8),
  r(String.raw`\bno me deja (?:salir|irme|ver)\b|\bcontrola (?:todo )?mi dinero\b`, "abuse", 0.7),
  r(String.raw`\bme (?:sigue|persigue|acosa)\b.{0,20}\bamenaza|\bme (?:sigue|persigue|acosa)\b`, "abuse", 0.6),
];

const distress: CrisisRule[] = [
  r(String.raw`\b(?:ya )?no (?:puedo|aguanto|soporto) mas\b|\bno lo soporto\b|\bno se cuanto mas (?:puedo aguantar|aguanto)\b`, "distress", 0.8, { hyperbole: true }),
  r(String.raw`\b(?:teniendo|tengo|me esta dando|me da) un ataque de (?:panico|ansiedad)\b`, "distress", 0.9),
  r(String.raw`\bno puedo respirar\b`, "distress", 0.6, { hyperbole: true }),
  r(String.raw`\bel corazon me va a mil\b`, "distress", 0.3, { hyperbole: true }),
  r(String.raw`\b(?:desesperad[oa]|sin esperanza|no hay esperanza|al limite|derrumbarme|me estoy hundiendo|volviendo loc[oa]|perdid[oa] y desesperad[oa])\b`, "distress", 0.8, { hyperbole: true }),
  r(String.raw`\boigo voces\b|\bescucho voces\b`, "distress", 0.8),
  r(String.raw`\b(?:lugar|momento) muy oscuro\b`, "distress", 0.8),
  r(String.raw`\bme siento vaci[oa]\b`, "distress", 0.5),
  r(String.raw`\bno estoy (?:nada )?bien\b`, "distress", 0.7),
  r(String.raw`\bno puedo dejar de (?:temblar|llorar)\b`, "distress", 0.7),
  r(String.raw`\bhacer una locura\b|\bhacer algo (?:malo|estupido)\b`, "distress", 0.8),
  r(String.raw`\bayuda(?:me|dme|nme)\b|\bque alguien (?:hable|me ayude)\b`, "distress", 0.5),
  r(String.raw`\b(?:completamente|totalmente|muy) desbordad[oa]\b|\bno paro de tener panico\b|\bpanico\b|\bno me calmo\b|\bme estoy derrumbando\b|\bno lo soporto mas\b`, "distress", 0.6, { hyperbole: true }),
  r(String.raw`\btodo es inutil\b`, "distress", 0.5),
];

export const spanishLexicon: CrisisLexicon = {
  language: "es",
  rules: [...selfHarm, ...broad, ...general, ...harmToOthers, ...abuse, ...distress],
  idioms: [
    /\b(?:me muero|se muere|nos morimos|morirme|morirse|morir|muert[oa]s?|me mori|casi me muero) (?:de|por) (?:la )?(?:risa|hambre|ganas|sueno|frio|calor|sed|verguenza|aburrimiento|cansancio|envidia|amor|ver|ir|saber|conocer|probar)\b/g,
    /\bme muero por\b/g,
    /\bme (?:mata|matan|esta matando|estan matando) (?:el|la|los|las|este|esta|estos|estas)\b/g,
    /\bme mato de risa\b|\bmato de risa\b/g,
    /\bmatar el tiempo\b/g,
    /\bmataria por (?:un|una|unos|unas)\b/g,
    /\b(?:me mata|me va a matar|me matara) si (?:llego tarde|olvido|me olvido|no llego|pierdo|rompo)\b/g,
    /\bse me (?:murio|ha muerto) (?:el|la) (?:movil|telefono|bateria|portatil|coche)\b/g,
    /\bdaria la vida por\b/g,
    /\b(?:me corte|cortarme|me corto) (?:el|la|los) (?:pelo|dedo|flequillo|barba|unas|mano)\b/g,
    /\bme corte afeitandome\b/g,
    /\bme hice dano en (?:la|el) \w+\b/g,
    /\bprevencion del suicidio\b/g,
    /\bteñir el pelo\b|\bme quiero tenir\b/g,
    /\bno (?:puedo|aguanto) mas de (?:la )?risa\b/g,
  ],
  negations: new Set(["no", "nunca", "jamas", "ni", "tampoco"]),
  intensifiers: /\bno (?:puedo|dejo de) dejar de\b|\bno dejo de\b|\bno puedo dejar de\b|\bno se (?:si|como|por que)\b/g,
  past: /\b(?:antes|hace (?:\w+ )?anos|de (?:adolescente|pequeno|nino|joven)|cuando era (?:joven|pequeno|nino|adolescente)|en el pasado|hace tiempo)\b/,
  ongoing: /\b(?:todavia|aun|sigo|sigue|otra vez|de nuevo|ultimamente|esta noche|ahora mismo)\b/,
  humour: /(?:\b(?:jaja\w*|jeje\w*|jsjs\w*|xd|lol|gracioso|graciosisimo|broma)\b|😂|🤣|😆|😅|\b(?:vacaciones|viaje|pescar|trafico|calor|crucigrama|tarea|deberes|papeleo|reunion|cola|examen|lunes)\b)/,
  fiction: /\b(?:en el (?:juego|videojuego|nivel|libro|episodio)|en la (?:pelicula|serie|novela)|el personaje|ese nivel|ese jefe|minecraft|fortnite)\b/,
  clauseBreak: /[.!?;,\n]|\b(?:pero|aunque|sino)\b/g,
};
