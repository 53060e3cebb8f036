import type { CrisisLexicon, CrisisRule } from "./types.ts";

/*
 * English. Patterns run on normalised text: lower case, accents and apostrophes removed
 * ("I'm" → "im", "don't" → "dont"). Written from what people in peer support actually say,
 * including the indirect forms (giving things away, being a burden, saying goodbye).
 */
const ME = String.raw`(?:myself|my self|me)`;
const WANT = String.raw`(?:want|wanna|wish|need|going|gonna|plan(?:ning)?|thinking about|thought about|think about|tempted|feel like|ready|about|trying|tried|urge|urges)`;

const r = (source: string, category: CrisisRule["category"], weight: number, extra: Partial<CrisisRule> = {}): CrisisRule => ({
  pattern: new RegExp(source, "g"),
  category,
  weight,
  ...extra,
});

const selfHarm: CrisisRule[] = [
  r(String.raw`\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|burn|burning|hang|hanging|shoot|shooting|drown|drowning|poison|poisoning|starve|starving) (?:myself|my self)\b`, "self-harm", 1),
  r(String.raw`\bkms\b|\bkys\b`, "self-harm", 0.9),
  r(String.raw`\b(?:end|ending|ended|take|taking) (?:my|my own) life\b`, "self-harm", 1, { explicit: true }),
  r(String.raw`\b(?:end it all|end it|ending it|end everything|end things)\b`, "self-harm", 0.7),
  r(String.raw`\bsuicidal\b`, "self-harm", 1),
  r(String.raw`\b(?:commit|committing|attempt(?:ed)?|try|trying|tried) (?:suicide|to kill ${ME})\b`, "self-harm", 1),
  r(String.raw`\bsuicide\b`, "self-harm", 0.35),
  r(String.raw`\b(?:thinking|think|thought|thoughts) (?:about|of) (?:suicide|dying|death|killing ${ME}|ending it|not being here)\b`, "self-harm", 0.9),
  r(String.raw`\bsuicide (?:is|feels like|seems like) (?:the|my) (?:only|best|last) (?:way|option|choice)`, "self-harm", 1),
  r(String.raw`\b(?:only|one) way out\b`, "self-harm", 0.6),
  r(String.raw`\b${WANT} (?:to )?(?:die|be dead|not exist|stop existing|disappear forever|not wake up|not be alive|not be here)\b`, "self-harm", 1, { hyperbole: true }),
  r(String.raw`\b(?:want|wanna|wish) to die\b|\bi want to die\b|\bwanna die\b`, "self-harm", 1, { hyperbole: true }),
  r(String.raw`\b(?:wish|hope) (?:i|id) (?:was|were|could be) (?:dead|gone|never born)\b`, "self-harm", 1),
  r(String.raw`\b(?:id|i would) rather be dead\b|\bbetter off dead\b`, "self-harm", 1),
  r(String.raw`\b(?:go to sleep|fall asleep|sleep) and (?:never|not) wake up\b|\bdont want to wake up\b`, "self-harm", 0.9),
  r(String.raw`\bdont (?:want|wanna) to (?:be here|be alive|live|exist|go on|carry on|wake up)(?: any ?more| any longer| no more)?\b`, "self-harm", 0.6, { hyperbole: true }),
  r(String.raw`\bdont (?:want|wanna) to (?:be here|be alive|live|exist|go on|carry on)(?: any ?more| any longer| no more)\b`, "self-harm", 1),
  r(String.raw`\bdont (?:want|wanna) to exist\b|\bstop existing\b|\bwant to disappear forever\b|\bdisappear (?:forever|for good)\b`, "self-harm", 0.9),
  r(String.raw`\b(?:no|not any|any) (?:reason|point) (?:to|in|for) (?:live|living|keep living|going on|carry on|carrying on|be(?:ing)? alive|be(?:ing)? here)\b|\bwhats the point (?:of|in) (?:going on|living|carrying on|it all)\b|\bno reason to keep living\b|\bcant see a reason to (?:keep )?living\b`, "self-harm", 0.9),
  r(String.raw`\blife (?:isnt|is not|aint) worth (?:living|it)\b|\btired of (?:living|life|being alive)\b|\bdone with (?:life|living|everything)\b`, "self-harm", 0.9),
  r(String.raw`\b(?:everyone|everybody|they|people|family|kids|wife|world|you all)(?: \w+){0,2} (?:would|will|d) be better (?:off )?without me\b|\bbetter (?:off )?without me(?: in it)?\b|\bworld would be better without me\b|\bbetter off if (?:i|im) (?:was |were )?(?:gone|dead|not here|not around)\b`, "self-harm", 1),
  r(String.raw`\b(?:no ?one|nobody|no body)\b(?: \w+){0,3} (?:miss|notice|care)\b.{0,30}\b(?:gone|dead|disappeared|die|died|wasnt here|not here|for good)\b`, "self-harm", 0.9),
  r(String.raw`\b(?:want|wish|need) (?:it all|everything|all of this|this|it) to (?:end|stop|be over)\b`, "self-harm", 0.8, { hyperbole: true }),
  r(String.raw`\b(?:im|i am|i feel like|feel like) (?:a|such a|just a) burden\b|\bburden (?:to|on) (?:everyone|everybody|my family|them|you all)\b`, "self-harm", 0.7),
  r(String.raw`\b(?:giving|gave|give|given) (?:away )?(?:all )?(?:my|all my) (?:things|stuff|belongings|possessions)(?: away)?\b`, "self-harm", 0.8),
  r(String.raw`\b(?:wrote|writing|written|left|leave) (?:a|my) (?:suicide )?(?:note|letter)\b|\bsuicide note\b`, "self-harm", 0.8, { explicit: true }),
  r(String.raw`\b(?:said|saying|made) (?:my )?goodbyes\b|\bmade my peace\b|\bready to go\b`, "self-harm", 0.6),
  r(String.raw`\bgoodbye (?:everyone|all|everybody)\b.{0,40}\b(?:for trying|for everything|forever|im sorry|sorry for)\b`, "self-harm", 0.8),
  r(String.raw`\b(?:wont|will not|not going to|aint going to|not gonna) be (?:around|here)(?: much| for)? (?:longer|long|next week|tomorrow|after tonight)\b`, "self-harm", 0.6, { hyperbole: true }),
  r(String.raw`\blast session\b.{0,40}\bgoodbye|\bthis is (?:my )?goodbye\b`, "self-harm", 0.8),
  r(String.raw`\b(?:overdos(?:e|ing|ed)|od(?:ing)? on)\b`, "self-harm", 0.8),
  r(String.raw`\b(?:take|taking|took|swallow(?:ing)?) (?:all (?:of )?)?(?:my|the|those) (?:pills|tablets|meds|medication)(?: at once| all at once)?\b|\bstockpil(?:e|ing|ed) (?:my |the )?(?:pills|meds|tablets|medication)\b|\bhow many (?:pills|tablets)\b`, "self-harm", 0.8, { explicit: true }),
  r(String.raw`\b(?:all my|all the) (?:pills|tablets|meds)\b`, "self-harm", 0.6),
  r(String.raw`\b(?:the|a) rope\b.{0,30}\b(?:garage|ready|loft|attic|tree)\b|\bbought a (?:gun|rope)\b|\bhave a (?:plan|date) (?:and|for) (?:a|the) (?:date|plan|way)\b|\bhave a plan and a date\b|\bplanning how to do it\b`, "self-harm", 0.9, { explicit: true }),
  r(String.raw`\b(?:jump|jumping|jumped|step|stepping|stepped) (?:off|from|in front of)\b.{0,30}\b(?:bridge|building|roof|platform|train|cliff|edge)\b|\b(?:nearly|almost) stepped off\b|\bedge of the (?:platform|bridge|roof)\b`, "self-harm", 0.8),
  r(String.raw`\bdriv(?:e|ing) (?:my car )?(?:into|off) (?:a|the) (?:wall|tree|bridge|cliff|lorry|truck)\b`, "self-harm", 0.8),
  r(String.raw`\bself[ -]?harm\b`, "self-harm", 0.4),
  r(String.raw`\b(?:i|been|keep|started|start|still) self[ -]?harm(?:ing)?\b|\bself[ -]?harming\b`, "self-harm", 0.9),
  r(String.raw`\b(?:started|start|been|keep|kept|am) (?:cutting|burning|hurting) (?:again|myself)\b|\bcutting again\b|\bhurt myself again\b`, "self-harm", 1),
  r(String.raw`\bimagin(?:e|ing) my (?:own )?funeral\b`, "self-harm", 0.7),
  r(String.raw`\b(?:doing|do) everyone a favou?r\b.{0,20}\b(?:dying|die|gone|leaving)\b`, "self-harm", 0.9),
  r(String.raw`\bno way out\b.{0,25}\b(?:dying|death|die)\b`, "self-harm", 1),
  r(String.raw`\bwant out of (?:life|this life|here|it all)\b`, "self-harm", 0.9),
  r(String.raw`\bjust kill me\b|\bkill me now\b|\bplease kill me\b|\bkill me, i mean it\b`, "self-harm", 0.6, { hyperbole: true }),
];

/** Broader signals: a wish, intent or plan and a death or ending in the same stretch of a sentence. */
const INTENT = String.raw`(?:want|wanna|wish|going to|gonna|feel like|think(?:ing)?|plan(?:ning)?|ready|decided|researching|looking up|googl(?:e|ed|ing)|better off|happier|easier)`;
const DEATH = String.raw`(?:die|dying|dead|death|ways to die|not wak(?:e|ing) up|sleep forever|go to sleep forever|(?:was|were|am) gone|not be here|not being here|not around|end it all|disappear forever)`;
const broad: CrisisRule[] = [
  r(String.raw`\b${INTENT}\b.{0,40}\b${DEATH}\b`, "self-harm", 0.8, { hyperbole: true }),
  r(String.raw`\b(?:wont|not going to|dont think (?:i|ill)|might not|probably wont) (?:survive|make it through|last)\b`, "self-harm", 0.7),
  r(String.raw`\b(?:scratch|scratching|hit|hitting|punch|punching|cut|cutting|burn|burning)(?:ed)? (?:my|myself on my) (?:arms?|wrists?|legs?|thighs?|skin|head)\b.{0,30}\b(?:bleed|bled|blood|hurt|marks|scars)\b|\buntil (?:they|it|i) bleeds?\b`, "self-harm", 0.8),
  r(String.raw`\b(?:hoard|hoarding|saving|collecting|stockpiling|saved up|kept) (?:up )?(?:my |all my |the )?(?:sleeping |prescription )?(?:pills|tablets|meds|medication|painkillers)\b`, "self-harm", 0.9, { explicit: true }),
  r(String.raw`\b(?:tonight|today|this weekend) (?:im|i am) (?:going to|gonna) do it\b|\bgoing to do it\b.{0,20}\b(?:decided|tonight|made up my mind)\b`, "self-harm", 0.8),
  r(String.raw`\b(?:sorted|sorting|made|wrote|updated) (?:out )?my (?:will|affairs)\b|\bgave (?:my|the) (?:dog|cat|pets?|things|stuff) to\b`, "self-harm", 0.6),
  r(String.raw`\b(?:no|not any) (?:point|future|hope) (?:any ?more|for me|left|at all)\b|\bdont see (?:a|any) (?:future|point|way out)\b|\bwhats (?:even )?the point (?:of me|of anything|any ?more)\b`, "self-harm", 0.8),
  r(String.raw`\bnot sure (?:i|if i) (?:want|wanna) to (?:be alive|live|be here|go on|exist)\b|\bdont know (?:if|whether) i (?:want|wanna) to (?:be alive|live|be here|go on|exist)\b`, "self-harm", 0.9),
  r(String.raw`\bjust want to go\b|\bwant to go forever\b|\bready to go\b`, "self-harm", 0.6),
];

/**
 * Generalising rules (2026-12-03), from what the first unseen set missed: plain first-person
 * statements without the set phrases above (a plan named in passing, not deserving to live, a
 * wish that something would kill you, the family "fine without me", hurt at home, spiralling).
 */
const general: CrisisRule[] = [
  r(String.raw`\b(?:plan|planning|planned|planing|started planning|thinking about|considering|researching|decided on|set a date for)\b.{0,20}\b(?:my )?suicide\b|\bmy suicide\b`, "self-harm", 0.9, { explicit: true }),
  r(String.raw`\bdont deserve to (?:live|be alive|exist|be here|be happy|wake up)\b|\bshould(?:nt)? (?:just )?(?:die|be dead|not be alive|not exist)\b|\bshould never have been born\b`, "self-harm", 0.9),
  r(String.raw`\b(?:wish|wishing|hope|hoping|pray|praying)\b.{0,30}\b(?:would|will|could|to)? ?(?:hit|kill|run over|crush|take) me\b|\b(?:wish|wishing|hope|hoping)\b.{0,20}\b(?:accident|cancer|heart attack)\b.{0,20}\b(?:take|takes|took|get|gets) me\b`, "self-harm", 0.9),
  r(String.raw`\b(?:would|will|\w*d) be (?:fine|ok|okay|happier|better|free|relieved|better off) (?:without me|if i (?:was|were|wasnt|werent) (?:gone|here|around|dead|not here|not around))\b|\b(?:be )?(?:happier|fine|better) (?:if|when) (?:im|i am|i was|i were) (?:gone|dead|not here)\b`, "self-harm", 0.9),
  r(String.raw`\bhate myself\b|\bhate who i am\b|\bim (?:such )?a (?:failure|waste of space)\b|\bim worthless\b|\bi am worthless\b`, "self-harm", 0.35),
  r(String.raw`\b(?:want|wanna|wish i could|need) (?:to )?(?:disappear|vanish|not be here|not exist)\b(?! (?:into|in|for|off|to|with|on) )`, "self-harm", 0.6, { hyperbole: true }),
  r(String.raw`\b(?:swallow|swallowing|take|taking|down|downing|empty|emptying)\b.{0,25}\b(?:medicine cabinet|whole (?:bottle|packet|box|pack)|every pill|all (?:the|my) (?:painkillers|paracetamol|sleeping pills))\b`, "self-harm", 0.9, { explicit: true }),
  r(String.raw`\b(?:pills|tablets|meds|painkillers|rope|gun|blade|razor)\b.{0,25}\b(?:lined up|ready|counted out|laid out|in front of me)\b`, "self-harm", 0.9, { explicit: true }),
  r(String.raw`\b(?:crash|crashing|drive|driving|steer|steering) (?:the|my) (?:car|van|truck|bike)\b.{0,30}\b(?:on purpose|deliberately|into|off)\b`, "self-harm", 0.9),
  r(String.raw`\b(?:wrote|written|writing|left) (?:letters?|notes?) (?:to|for) (?:my|the) (?:kids|boys|girls|children|son|daughter|wife|family|partner|mum|mom|dad|parents)\b.{0,25}\b(?:in case|for when|after|if i)\b`, "self-harm", 0.9, { explicit: true }),
  r(String.raw`\b(?:looking|look|looked|staring|stare|stood|standing) (?:at|on|over) (?:the|a) (?:bridge|edge|tracks|railway|cliff|roof|river)\b.{0,40}\b(?:thinking|think|thought|wondering|tempted|about it)\b`, "self-harm", 0.9),
  r(String.raw`\b(?:time|ready|decided|going) to end (?:it|everything|it all)\b|\bthe night i end\b|\bend (?:everything|it all) tonight\b`, "self-harm", 0.9),
  r(String.raw`\bcant (?:keep|go on) (?:living|going|doing this) like this\b|\bcant keep living\b`, "self-harm", 0.8),
  r(String.raw`\b(?:punch|punched|punching|hit|hitting|bang|banged|banging) (?:the |a )?(?:wall|my head)\b.{0,30}\b(?:bled|bleed|blood|bleeding|to hurt|wanted to hurt|until it hurt)\b|\bwanted to hurt myself\b|\bi wanted to hurt\b`, "self-harm", 0.8),
  r(String.raw`\b(?:could|would|will|gonna|going to) kill (?:him|her|them)\b.{0,20}\b(?:i mean it|serious|not joking|swear)\b|\bi mean it\b.{0,20}\bkill (?:him|her|them)\b`, "harm-to-others", 1),
  r(String.raw`\b(?:snap|lose it|lose control)\b.{0,20}\b(?:hurt|hit|kill|harm) (?:my |him|her|them|someone)`, "harm-to-others", 0.9),
  r(String.raw`\b(?:got|get|getting|been|was) (?:hit|beaten|slapped|kicked|punched|choked|hurt|attacked)\b.{0,20}\b(?:again|at home|by (?:him|her|them|my))\b`, "abuse", 0.9),
  r(String.raw`\b(?:locks?|locked|locking) me (?:in|out|up)\b|\bthrows? things at me\b|\bthrew (?:things|stuff|a \w+) at me\b`, "abuse", 0.9),
  r(String.raw`\b(?:wife|husband|partner|girlfriend|boyfriend|dad|father|mum|mom|mother|stepdad|brother) (?:hits|beats|kicks|slaps|chokes|hurts) me\b`, "abuse", 1),
  r(String.raw`\bspiral+ing\b|\bin a spiral\b|\bcant get out of (?:it|this|my head)\b|\bcant get out\b`, "distress", 0.5, { hyperbole: true }),
  r(String.raw`\b(?:terrified|petrified|panicking|scared)\b.{0,25}\b(?:shaking|dont know what to do|cant think|cant stop)\b|\bdont know what to do any ?more\b`, "distress", 0.7),
  r(String.raw`\b(?:breaking point|at my limit|cant take much more)\b.{0,30}\b(?:nobody|no one|noone|alone)\b|\bi have (?:nobody|no one)\b`, "distress", 0.6),
];

const harmToOthers: CrisisRule[] = [
  r(String.raw`\b(?:im|i am|ill|i will|im going to|im gonna|going to|gonna|want to|wanna|could|might|swear ill|i swear i will) (?:kill|stab|shoot|strangle|hurt|beat|attack|hit) (?:him|her|them|someone|somebody|my (?:wife|husband|partner|boss|dad|father|mum|mom|mother|brother|sister|kids|son|daughter|neighbou?r|ex))\b`, "harm-to-others", 1, { hyperbole: true }),
  r(String.raw`\b(?:kill|stab|shoot|hurt|beat) (?:him|her|them|someone|somebody)(?: \w+){0,3} (?:to death|tonight|when (?:he|she|they) gets? home|so badly)\b`, "harm-to-others", 1),
  r(String.raw`\b(?:urges?|thoughts?|thinking about|scared (?:i|ill) (?:will |might )?) (?:to |of |about )?(?:hurt|hurting|kill|killing|harm|harming) (?:my |someone|somebody|people|them|him|her)`, "harm-to-others", 0.9),
  r(String.raw`\b(?:hurt|kill|shoot) (?:the people|them all|everyone|all of them)\b`, "harm-to-others", 0.9),
  r(String.raw`\bscared of (?:myself|what i might do|what ill do|what i will do)\b`, "harm-to-others", 0.7),
  r(String.raw`\b(?:feel like|want to|wanna|going to|gonna|urge to) (?:strangling|strangle|stabbing|stab|punching|punch|beating|beat|hurting|hurt|killing|kill|hitting|hit|attacking|attack) (?:my |the |that )?(?:neighbou?r|wife|husband|partner|boss|dad|father|mum|mom|brother|sister|kids?|son|daughter|ex|colleague|friend|him|her|them|someone|somebody|people)\b`, "harm-to-others", 0.9, { hyperbole: true }),
  r(String.raw`\bgoing to hit someone\b|\bgonna hit someone\b|\bmake (?:him|her|them) pay\b`, "harm-to-others", 0.8),
  r(String.raw`\bi will kill (?:him|her|them)\b|\bill kill (?:him|her|them)\b`, "harm-to-others", 1),
  r(String.raw`\b(?:got|have|with) a (?:knife|gun|weapon)\b`, "harm-to-others", 0.5),
];

const abuse: CrisisRule[] = [
  r(String.raw`\b(?:he|she|they|partner|husband|wife|boyfriend|girlfriend|dad|father|mum|mom|mother|stepdad|stepmum|brother|sister|uncle|boss|someone)(?: \w+){0,3} (?:hits|hit|beats|beat|hurts|hurt|kicks|kicked|punches|punched|choked|chokes|strangled|slaps|slapped|touches|touched|threatens|threatened|rapes|raped|abuses|abused) me\b`, "abuse", 1),
  r(String.raw`\bbeat(?:ing)? me up\b|\bbeat me\b`, "abuse", 0.8),
  r(String.raw`\b(?:threatened|threatens|said (?:hed|shed|theyd|he would|she would)) (?:to )?(?:kill|hurt) me\b|\b(?:kill|hurt) me if i (?:leave|go|tell|report|call)\b`, "abuse", 1),
  r(String.raw`\b(?:scared|afraid|frightened|terrified) (?:to go|of going) home\b|\bnot safe at home\b|\b(?:im|i am|i feel) (?:not safe|unsafe|in danger)\b|\bscared for my life\b|\bfear for my life\b`, "abuse", 1),
  r(String.raw`\b(?:afraid|scared|terrified) (?:he|she|they) (?:will|is going to|might) (?:hurt|kill) me\b`, "abuse", 1),
  r(String.raw`\b(?:being|been|im being|was) (?:abused|raped|assaulted|beaten|threatened)\b|\b(?:i was|ive been|i got) (?:raped|assaulted|attacked)\b`, "abuse", 1),
  r(String.raw`\b(?:says|said|keeps saying|threatens) (?:hell|shell|theyll|he will|she will|they will|hed|shed) (?:hurt|kill|hit|get) me\b`, "abuse", 1),
  r(String.raw`\b(?:scared|afraid|frightened|terrified) of (?:my )?(?:partner|husband|wife|boyfriend|girlfriend|dad|father|stepdad|mum|mom|ex|him|her)\b`, "abuse", 0.8),
  r(String.raw`\bwont let me (?:leave|go out|see)\b|\bcontrols? (?:all )?my money\b`, "abuse", 0.7),
  r(String.raw`\b(?:following|stalking) me\b.{0,30}\bthreaten|\bthreatening me\b|\bthreatens me\b`, "abuse", 0.8),
];

const distress: CrisisRule[] = [
  r(String.raw`\bcant cope\b|\bcannot cope\b|\bcant go on\b|\bcannot go on\b|\bcant take (?:it|this) any ?more\b|\bcant do this any ?more\b|\bcant live like this\b`, "distress", 0.8, { hyperbole: true }),
  r(String.raw`\b(?:having|in the middle of|got) a panic attack\b|\bpanic attack right now\b`, "distress", 0.9),
  r(String.raw`\bcant breathe\b`, "distress", 0.6, { hyperbole: true }),
  r(String.raw`\b(?:heart is racing|heart racing)\b`, "distress", 0.3, { hyperbole: true }),
  r(String.raw`\b(?:falling apart|breaking point|end of my rope|end of my tether|losing my mind|about to lose it|lose it completely)\b`, "distress", 0.7, { hyperbole: true }),
  r(String.raw`\b(?:everything is|feel|feeling|so|completely|totally) hopeless\b|\bno hope\b`, "distress", 0.8),
  r(String.raw`\b(?:hearing things|hearing voices)\b`, "distress", 0.7),
  r(String.raw`\b(?:in a|such a) (?:really )?dark place\b`, "distress", 0.8),
  r(String.raw`\bso empty\b|\bcant stand it\b`, "distress", 0.4),
  r(String.raw`\bim not ok(?:ay)?\b(?! with)|\bnot doing (?:well|ok|okay) at all\b|\breally not ok\b`, "distress", 0.7),
  r(String.raw`\b(?:im|i am) drowning\b(?! in)|\bnobody sees it\b`, "distress", 0.6, { hyperbole: true }),
  r(String.raw`\bcant stop (?:shaking|crying)\b`, "distress", 0.7),
  r(String.raw`\bdo something stupid\b`, "distress", 0.8),
  r(String.raw`\bhelp me\b|\bsomeone (?:please )?talk to me\b|\bplease (?:someone|anyone) (?:help|talk to me)\b`, "distress", 0.5),
  r(String.raw`\b(?:completely|totally|so|really) overwhelmed\b|\bcant (?:stop|help) panicking\b|\bpanicking\b|\bcant calm down\b|\bgoing crazy\b|\bbreaking down\b|\bcant handle (?:this|it) any ?more\b|\bcant handle (?:this|it|anything)\b`, "distress", 0.6, { hyperbole: true }),
];

export const englishLexicon: CrisisLexicon = {
  language: "en",
  rules: [...selfHarm, ...broad, ...general, ...harmToOthers, ...abuse, ...distress],
  idioms: [
    /\b(?:killing|killed|kill) it\b/g,
    /\b(?:lets )?end (?:it|this|things) (?:there|here)\b|\blets end (?:it|this)\b/g,
    /\b(?:kill|killing|killed) (?:time|the lights|the engine|the mood|the vibe)\b/g,
    /\b(?:is|are|was|were|its) killing me\b/g,
    /\bdying (?:to|for|of (?:boredom|laughter|embarrassment|curiosity|thirst|hunger))\b/g,
    /\b(?:die|died|dying) (?:of|from|with) (?:laughter|laughing|embarrassment|boredom|shame|cuteness)\b/g,
    /\b(?:die|died|dying) laughing\b/g,
    /\b(?:to|would|could|i would|id) die for\b/g,
    /\bdie (?:my|his|her|your|their|the) (?:hair|beard|clothes|shirt)\b/g,
    /\bd(?:ie|ye) (?:it|them) (?:blue|red|black|green|pink|purple|blonde)\b/g,
    /\b(?:id|i would|i could) (?:kill|murder) (?:for )?(?:a|an|some) (?:coffee|pizza|beer|pint|burger|drink|nap|cuppa)\b/g,
    /\b(?:will|would|is going to|gonna|going to) kill me if i (?:forget|am late|im late|dont|do not|miss|lose|break|eat)\b/g,
    /\bbeat (?:me|us|him|her) at\b/g,
    /\bdead (?:tired|on|serious|easy|end|battery)\b/g,
    /\b(?:suicide|killer) (?:squad|doors|sudoku|app)\b/g,
    /\bsuicide prevention\b/g,
    /\bcut (?:my|the) (?:finger|hand|hair|grass|lawn|losses)\b/g,
    /\bcut myself shaving\b/g,
    /\bhurt my (?:back|knee|leg|arm|hand|foot|neck|shoulder|ankle|wrist)\b/g,
  ],
  negations: new Set([
    "not", "never", "no", "dont", "doesnt", "didnt", "wont", "wouldnt", "isnt", "arent", "aint", "cant", "cannot",
    "couldnt", "shouldnt", "nor", "neither", "hardly", "havent", "hasnt", "werent", "wasnt",
  ]),
  intensifiers: /\b(?:cant|cannot|couldnt) (?:stop|help)\b|\bdont know (?:how|if|why)\b|\bnot sure\b/g,
  past: /\b(?:used to|years ago|as a (?:teenager|teen|kid|child)|when i was (?:younger|a kid|a teenager|at school)|back then|in the past|long time ago|its been \w+ years)\b/,
  ongoing: /\b(?:still|again|lately|these days|right now|tonight)\b/,
  humour: /(?:\b(?:lol|lmao|rofl|haha\w*|hehe|jk|xd|funny|hilarious|joking)\b|😂|🤣|😆|😅|\b(?:holiday|holidays|vacation|trip|fishing|traffic|wifi|wi-fi|weather|heat|crossword|homework|paperwork|meeting|queue|exam|maths|math|monday|commute|this game)\b)/,
  fiction: /\b(?:in (?:the|a|this) (?:game|film|movie|book|show|series|episode|level)|the character|on that level|that level|boss fight|respawn(?:ed)?|minecraft|fortnite|video ?game)\b/,
  clauseBreak: /[.!?;,\n]|\b(?:but|though|although|however|yet)\b/g,
};
