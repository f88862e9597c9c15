// Writes intents/sentiment/generated.jsonl: labelled customer-service sentences made from
// templates the team wrote (airlines, shops, deliveries, banking, telecom, software), in chat and
// tweet styles (@handles, #hashtags, capitals, emoji, typos). Deterministic (seeded). Used with
// the hand-written intents/sentiment/handwritten.jsonl to train server/bot/sentiment-model.ts.
//   npx tsx intents/sentiment/generate.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Label = 'negative' | 'neutral' | 'positive';
let seed = 20261128;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const maybe = (p: number, s: string) => (rand() < p ? s : '');

interface Domain {
  handles: string[]; thing: string[]; booking: string[]; place: string[]; staff: string[]; channel: string[];
  broken: string[]; delayed: string[]; question: string[]; statement: string[]; praise: string[];
}
const D: Record<string, Domain> = {
  airline: {
    handles: ['@SkyJetAir', '@FlyNorth', '@bluewingair', '@AeroLinea', '@CoastAir'],
    thing: ['my bag', 'my luggage', 'my suitcase', 'my refund', 'the voucher', 'my boarding pass', 'my seat assignment', 'my miles', 'my stroller', 'the rebooking confirmation'],
    booking: ['my flight', 'my connection', 'the 6am flight', 'flight 1234', 'my return flight', 'the red eye', 'my reservation', 'our flight to Denver', 'my flight home', 'the flight to Boston'],
    place: ['the gate', 'the airport', 'baggage claim', 'the check in desk', 'the tarmac', 'the lounge', 'security', 'the plane', 'the jet bridge'],
    staff: ['the gate agent', 'the crew', 'the flight attendant', 'your agent', 'the pilot', 'the lady at the desk', 'the reservations team', 'your staff'],
    channel: ['the reservations line', 'customer service', 'your hotline', 'the baggage office', 'your call center', 'the help desk'],
    broken: ['my bag came back ripped', 'the handle on my suitcase is broken', 'my car seat was damaged', 'the wifi never worked', 'the entertainment system was broken the whole flight', 'the seat would not recline', 'the toilet was out of order'],
    delayed: ['delayed', 'Cancelled', 'cancelled', 'delayed again', 'overbooked', 'diverted', 'late', 'canceled'],
    question: ['what is the baggage allowance on international flights', 'can I bring my dog in the cabin', 'is there wifi on the plane', 'when does boarding start for flight 1234', 'how do I add my frequent flyer number', 'do you fly to Lisbon in summer', 'can I change my seat online', 'what time does the check in desk open', 'how early should I get to the airport', 'is the 5pm flight on time', 'can I change my flight to tomorrow', 'do I need to print my boarding pass', 'how much is an extra bag', 'are flights to Chicago affected by the snow', 'can I get on an earlier flight', 'is my flight still scheduled for tonight', 'where do I pick up my checked bag on a connection', 'does the fare include a carry on'],
    statement: ['flying to Denver tomorrow morning', 'heading to Boston for the weekend', 'just checked in online', 'on my way to the airport', 'booked a trip for March', 'my flight number is 1234', 'I sent you a DM with my confirmation number', 'first time flying with you next week', 'flight leaves at 7pm', 'we are travelling with two kids', 'my confirmation code is ABC123', 'I am on the 3pm flight'],
    praise: ['the crew was fantastic', 'smooth flight and we landed early', 'the gate agent went above and beyond', 'best flight I have had in years', 'loved the new seats', 'great service on my flight today', 'the pilot kept us informed the whole time', 'got upgraded, you made my day', 'friendly crew and on time', 'thanks for getting me home on time', 'the flight attendant was so kind to my kids', 'quick boarding and comfy seats'],
  },
  shop: {
    handles: ['@ShopMart', '@TrendyWear', '@homegoodsco', '@BookNook', '@GadgetHub'],
    thing: ['my order', 'my refund', 'the replacement', 'my parcel', 'my return label', 'the credit note', 'my exchange', 'the invoice', 'my money'],
    booking: ['my order', 'order 55821', 'my return', 'my exchange', 'the preorder', 'my online order'],
    place: ['the store', 'the checkout', 'the returns desk', 'your website', 'the till', 'the pickup point'],
    staff: ['the cashier', 'your support team', 'the store manager', 'the assistant', 'your agent', 'the guy on the phone'],
    channel: ['customer service', 'your support line', 'the chat', 'your email support', 'the returns team'],
    broken: ['the jacket arrived torn', 'the mug came smashed', 'the shoes are two different sizes', 'the zip broke on day one', 'the lamp does not turn on', 'half the set is missing', 'the screen arrived cracked'],
    delayed: ['late', 'delayed', 'lost', 'cancelled without telling me', 'sent to the wrong address', 'stuck in the warehouse'],
    question: ['do you have this in a size 10', 'what is your return policy', 'can I pay with paypal', 'when will the blue one be back in stock', 'do you ship to Canada', 'how do I use a discount code', 'can I change the delivery address', 'where is my order', 'what are the store opening hours', 'can I return an item without the receipt', 'do you do gift wrapping', 'how long does a refund take', 'is there a student discount', 'can I cancel my order', 'how do I track my order'],
    statement: ['I ordered a blue jumper last week', 'I would like to return a pair of jeans', 'my order number is 55821', 'I placed an order this morning', 'I want to exchange it for a larger size', 'I bought it in the Leeds store', 'I paid by card', 'it was a gift for my sister'],
    praise: ['the dress fits perfectly', 'super fast delivery', 'the staff in the store were lovely', 'great quality for the price', 'the refund came through in a day', 'really happy with my new sofa', 'love my new boots', 'your support team sorted it in minutes', 'excellent service as always'],
  },
  delivery: {
    handles: ['@ParcelGo', '@QuickShip', '@courierxpress', '@DropBoxDelivery'],
    thing: ['my parcel', 'my package', 'the delivery', 'my tracking update', 'the redelivery', 'my food order'],
    booking: ['my delivery', 'my parcel', 'the package', 'my order', 'the redelivery slot'],
    place: ['the depot', 'the door', 'the pickup point', 'my doorstep', 'the locker'],
    staff: ['the driver', 'the courier', 'your driver', 'the delivery guy', 'your depot staff'],
    channel: ['your helpline', 'customer service', 'the depot', 'your chat'],
    broken: ['the box was crushed', 'the parcel was soaking wet', 'the driver left it in the rain', 'the food arrived cold', 'the seal on the box was broken', 'half the items were missing'],
    delayed: ['late', 'delayed', 'lost', 'missing', 'marked delivered but not here', 'returned to sender', 'left at the wrong house'],
    question: ['when will my parcel arrive', 'can I change the delivery day', 'can you leave it with a neighbour', 'what time is the driver coming', 'how do I book a redelivery', 'can I collect it from the depot', 'do you deliver on Sundays', 'where is my parcel'],
    statement: ['my tracking number is QX1234', 'I will be out tomorrow', 'please leave it in the porch', 'I live on the third floor', 'the parcel is for my neighbour'],
    praise: ['the driver was really friendly', 'arrived a day early', 'delivered right on time', 'the courier was careful with it', 'great tracking updates', 'super quick delivery'],
  },
  bank: {
    handles: ['@BankPlus', '@MetroBank_help', '@coinwise', '@TrustSavings'],
    thing: ['my refund', 'my new card', 'the transfer', 'my statement', 'my PIN', 'the chargeback', 'my money', 'my loan decision'],
    booking: ['my account', 'the transfer', 'my card', 'my mortgage application', 'the payment'],
    place: ['the branch', 'the cash machine', 'the app', 'online banking'],
    staff: ['your adviser', 'the branch manager', 'your agent', 'the fraud team', 'the person on the phone'],
    channel: ['your fraud line', 'customer service', 'the helpline', 'the branch', 'your chat'],
    broken: ['the app logged me out three times', 'my card was declined at the shop', 'I was charged twice', 'the cash machine ate my card', 'a payment went out that I did not make', 'the transfer bounced back'],
    delayed: ['late', 'delayed', 'blocked', 'frozen', 'stuck', 'declined', 'on hold'],
    question: ['how do I order a new card', 'what is the daily withdrawal limit', 'can I open a joint account', 'how do I set up a standing order', 'what is the interest rate on savings', 'how long does a transfer take', 'can I change my address online', 'how do I freeze my card'],
    statement: ['I moved house last month', 'I want to open a savings account', 'I am travelling abroad next week', 'my card expires in May', 'I need a statement for my landlord'],
    praise: ['the adviser was really patient', 'the new app is great', 'the fraud team sorted it straight away', 'opening the account took five minutes', 'very helpful branch staff', 'refund came back quickly'],
  },
  telecom: {
    handles: ['@TelcoOne', '@FibreNet', '@mobi_care', '@SkyLinkBroadband'],
    thing: ['my internet', 'my broadband', 'the engineer', 'my new SIM', 'my bill', 'the signal', 'my router', 'my credit'],
    booking: ['my contract', 'the engineer visit', 'my upgrade', 'my broadband', 'the installation', 'my line'],
    place: ['the shop', 'my flat', 'the exchange', 'the app'],
    staff: ['the engineer', 'your agent', 'the technician', 'the sales guy', 'your support team'],
    channel: ['the helpline', 'tech support', 'customer service', 'your chat'],
    broken: ['the internet keeps dropping', 'no signal in my whole street', 'my bill went up without warning', 'the router keeps rebooting', 'the speed is a tenth of what I pay for', 'the line is dead'],
    delayed: ['down', 'late', 'delayed', 'cancelled', 'down again', 'offline', 'not working'],
    question: ['how do I set up voicemail', 'can I keep my number if I switch', 'what plans do you have for students', 'when does my contract end', 'how do I reset my router', 'is there an outage in my area', 'can I add a second SIM', 'how much is roaming in Spain'],
    statement: ['I moved to a new flat', 'I am thinking of upgrading my phone', 'my account number is 7781', 'I just got the new router'],
    praise: ['the engineer was brilliant', 'internet is flying now', 'the upgrade was painless', 'great signal everywhere', 'support fixed it in one call', 'really good deal, thanks'],
  },
  software: {
    handles: ['@AppCo', '@CloudDocsHelp', '@TaskFlowApp', '@PixelEditor'],
    thing: ['my data', 'my files', 'the export', 'my subscription refund', 'the sync', 'my license key', 'the bug fix', 'my password reset email'],
    booking: ['my account', 'my subscription', 'the app', 'the update', 'my workspace', 'the login'],
    place: ['the dashboard', 'the app', 'the settings page', 'the login screen'],
    staff: ['your support team', 'the developer', 'your agent', 'the account manager'],
    channel: ['support', 'your help desk', 'the ticket system', 'your chat'],
    broken: ['the app crashes every time I open it', 'the update deleted my notes', 'sync has been broken all week', 'I cannot log in', 'the export produces an empty file', 'it keeps charging me after I cancelled'],
    delayed: ['down', 'broken', 'not working', 'down again', 'crashing', 'locked'],
    question: ['how do I export to PDF', 'can I share a folder with my team', 'is there a dark mode', 'how do I change my plan', 'does it work offline', 'where are the keyboard shortcuts', 'how do I invite a colleague', 'is there an API'],
    statement: ['I am on the free plan', 'I use it on Windows', 'we have ten users', 'I just installed version 4', 'I signed up yesterday'],
    praise: ['the new update is great', 'love the dark mode', 'support answered in minutes', 'this app saves me hours', 'works perfectly now', 'best tool we use'],
  },
};

const durations = ['2 hours', '3 hrs', '45 minutes', 'an hour', 'over an hour', '4 hours', 'two days', 'a week', '3 weeks', 'a month', '90 mins', '5 hours', 'all day', 'since Monday', 'since yesterday', '6 days', '40 min', 'two hours'];
const negTags = ['#fail', '#neveragain', '#customerservicefail', '#worst', '#frustrated', '#notimpressed', '#unacceptable', '#ugh', '#annoyed', '#stranded', '#badservice', '#disappointed'];
const posTags = ['#happycustomer', '#love', '#thankyou', '#greatservice', '#impressed', '#happy', '#winning', '#bestday'];
const neuTags = ['#travel', '#question', '#help', '#info', '#monday', '#business'];
const negEmoji = ['😡', '😤', '😠', '🙄', '😩', '😞', '👎', ':(', '😒', '😭', ':/'];
const posEmoji = ['🙂', '😊', '👍', '❤️', '😍', ':)', '🙏', '👏', '🎉', ':D'];
const negOpeners = ['', '', '', 'seriously ', 'wow ', 'ugh ', 'unbelievable ', 'so ', 'again ', 'really ', 'come on ', 'great ', 'thanks ', 'hey '];
const whys = ['why', 'how', 'why on earth', 'how is it that', 'how come'];

function styled(text: string, label: Label, d: Domain): string {
  let t = text;
  if (rand() < 0.45) t = `${pick(d.handles)} ${t}`;
  if (label === 'negative') {
    if (rand() < 0.08) t = t.toUpperCase();
    if (rand() < 0.25) t += pick(['!', '!!', '!!!', '?!', '.', '...', '??']);
    if (rand() < 0.18) t += ` ${pick(negTags)}`;
    if (rand() < 0.15) t += ` ${pick(negEmoji)}`;
  } else if (label === 'positive') {
    if (rand() < 0.35) t += pick(['!', '!!', '.', ' :)', '!!!']);
    if (rand() < 0.15) t += ` ${pick(posTags)}`;
    if (rand() < 0.25) t += ` ${pick(posEmoji)}`;
  } else {
    if (rand() < 0.5) t += pick(['?', '.', '', ' thanks', ' please', ', thanks', ' thx']);
    if (rand() < 0.06) t += ` ${pick(neuTags)}`;
  }
  if (rand() < 0.05) t = typo(t);
  if (rand() < 0.5) t = t.charAt(0).toUpperCase() + t.slice(1);
  return t.replace(/\s+/g, ' ').trim();
}
function typo(t: string): string {
  const i = 2 + Math.floor(rand() * Math.max(1, t.length - 4));
  return t.slice(0, i) + t.slice(i + 1);
}

const NEG: Array<(d: Domain) => string> = [
  (d) => `${pick(negOpeners)}${pick(d.booking)} ${pick(['is', 'was', 'got', 'has been'])} ${pick(d.delayed)} ${maybe(0.6, pick(['again', 'for ' + pick(durations), 'and nobody told us', 'with no explanation', 'twice this week', 'and no update']))}`,
  (d) => `${pick(['on hold', 'waiting on the phone', 'stuck on hold', 'been on hold'])} for ${pick(durations)} ${maybe(0.6, pick(['and still nothing', 'and they hung up', 'to ' + pick(d.channel), 'now', 'again', 'and no one picks up']))}`,
  (d) => `still no ${pick(d.thing).replace(/^(my|the) /, '')} ${maybe(0.7, pick(['after ' + pick(durations), 'and no reply', 'and nobody knows where it is', 'what is going on', 'yet']))}`,
  (d) => `still waiting ${pick(['for', 'on'])} ${pick(d.thing)} ${maybe(0.6, 'after ' + pick(durations))}`,
  (d) => `${pick(['been waiting', 'waited', "we've been waiting", 'I have waited'])} ${pick(durations)} ${pick(['for', 'at', 'in'])} ${pick([...d.place, ...d.thing])} ${maybe(0.5, pick(['and nobody came', 'and nothing', 'for nothing', 'with no update', 'and still nothing']))}`,
  (d) => `${pick(['you lost', 'you guys lost', 'you have lost', 'somehow you lost'])} ${pick(d.thing)} ${maybe(0.5, pick(['again', 'and nobody can find it', 'and no one cares', 'for the second time']))}`,
  (d) => `${pick(d.broken)} ${maybe(0.6, pick(['and nobody cares', 'again', 'and support is no help', 'what a joke', 'not good enough', 'and no one will fix it']))}`,
  (d) => `${pick(['no one', 'nobody', 'not a single person'])} ${pick(['at', 'from', 'in'])} ${pick([...d.place, ...d.channel])} ${pick(['to help', 'can tell me anything', 'answers', 'picks up', 'knows anything', 'responds', 'seems to care'])}`,
  (d) => `${pick(['third', 'fourth', 'fifth', 'second'])} time ${pick(['I have called', 'calling', 'writing', 'asking', 'this happened', 'this week', 'my ' + pick(['flight', 'order', 'delivery', 'payment']) + ' got messed up'])} ${maybe(0.5, pick(['and still nothing', 'and no fix', 'this is a joke']))}`,
  (d) => `${pick(whys)} ${pick(['is it so hard to', 'can nobody', "can't you", 'does it take ' + pick(durations) + ' to'])} ${pick(['get a refund', 'answer the phone', 'give a straight answer', 'fix ' + pick(d.thing), 'reply to an email', 'rebook me', 'find ' + pick(d.thing)])}`,
  (d) => `${pick(['missed my connection', 'missed the meeting', 'missed my sister\'s wedding', 'lost a day of work', 'had to pay for a hotel', 'missed my train'])} because ${pick(d.booking)} ${pick(['was', 'got'])} ${pick(d.delayed)}`,
  (d) => `${pick(d.staff)} ${pick(['was so rude', 'was rude to me', 'hung up on me', 'laughed at me', 'ignored us', 'had no idea what to do', 'could not care less', 'gave me wrong information', 'was incredibly unhelpful', 'just shrugged'])}`,
  (d) => `${pick(['worst', 'terrible', 'awful', 'horrible', 'pathetic', 'useless', 'shocking', 'appalling'])} ${pick(['customer service', 'service', 'experience', 'support', 'company', 'airline', 'app', 'communication'])} ${maybe(0.5, pick(['ever', 'I have ever had', 'as usual', 'again', 'period']))}`,
  (d) => `${pick(["can't", 'cannot', 'unable to', 'impossible to', 'no way to'])} ${pick(['get through to', 'reach', 'speak to anyone at', 'get an answer from'])} ${pick(d.channel)} ${maybe(0.6, pick(['for ' + pick(durations), 'all day', 'line is busy', 'it just hangs up']))}`,
  (d) => `${pick(['I want', 'I need', 'give me', 'where is'])} my money back ${maybe(0.5, pick(['now', 'today', 'this is theft', 'you have had it for ' + pick(durations)]))}`,
  (d) => `${pick(['refund', 'the refund', 'my refund', 'compensation'])} ${pick(['still not received', 'never came', 'still pending after ' + pick(durations), 'denied', 'has not arrived', 'still missing'])}`,
  (d) => `${pick(['never', 'never again', "won't ever", 'never going to'])} ${pick(['fly with you again', 'order from you again', 'use this company again', 'recommend you', 'trust you again', 'book with you again'])}`,
  (d) => `${pick(['thanks for', 'great job', 'thank you for', 'love how you', 'nice'])} ${pick(['losing my bag', 'the 4 hour delay', 'cancelling my flight', 'ruining my holiday', 'charging me twice', 'leaving us stranded', 'the zero updates', 'wasting my whole day', 'hanging up on me'])}`,
  (d) => `${pick(['cancelled flight', 'Cancelled Flight', 'flight cancelled', 'order cancelled', 'appointment cancelled'])} ${pick(['and no rebooking', 'and no hotel', 'and no one to talk to', 'and the next one is full', 'again', 'with no notice', 'and now what'])}`,
  (d) => `${pick(['stuck', 'stranded', 'sitting', 'trapped'])} ${pick(['at', 'on', 'in'])} ${pick(d.place)} for ${pick(durations)} ${maybe(0.5, pick(['with no information', 'and no food', 'no updates', 'nobody tells us anything']))}`,
  (d) => `${pick(['rebooked', 'moved', 'bumped', 'switched'])} ${pick(['onto a flight', 'to a slot', 'to a date'])} ${pick(['2 days later', 'next week', 'that leaves at 5am', 'with 3 stops', 'that does not work for me'])} ${maybe(0.5, 'without asking me')}`,
  (d) => `${pick(['the', 'your'])} ${pick(['website', 'app', 'booking system', 'online check in', 'chat bot', 'phone system'])} ${pick(['keeps crashing', 'is down again', 'does not work', "won't let me", 'is broken', 'keeps timing out', 'logged me out'])} ${maybe(0.5, pick(['and I can\'t get help', 'for ' + pick(durations), 'again', 'fix it']))}`,
  (d) => `${pick(['charged', 'billed', 'overcharged'])} ${pick(['twice', 'for a bag I never checked', 'for something I cancelled', 'a fee nobody mentioned', '$200 extra', 'for a seat I never got'])}`,
  (d) => `${pick(['no', 'zero', 'not one'])} ${pick(['response', 'reply', 'update', 'email', 'call back', 'apology', 'explanation'])} ${pick(['after ' + pick(durations), 'from anyone', 'from ' + pick(d.channel), 'yet', 'at all'])}`,
  (d) => `${pick(['I am', "I'm", 'so', 'really', 'absolutely'])} ${pick(['disappointed', 'frustrated', 'angry', 'annoyed', 'furious', 'upset', 'done', 'fed up', 'livid', 'tired of this'])} ${maybe(0.6, pick(['with ' + pick(d.booking), 'with your service', 'right now', 'with ' + pick(d.staff)]))}`,
  (d) => `${pick(d.booking)} ${pick(['still', 'still has', 'still hasn\'t', 'has not'])} ${pick(['not arrived', 'been sorted', 'shown up', 'been refunded', 'been fixed', 'moved'])} ${maybe(0.6, 'after ' + pick(durations))}`,
  (d) => `${pick(['how many times do I have to', 'do I really have to', 'I should not have to'])} ${pick(['call', 'explain this', 'send the same email', 'ask', 'repeat myself'])}`,
  (d) => `${pick(['line is', 'phones are', 'chat is', 'your lines are'])} ${pick(['busy', 'always busy', 'closed', 'dead', 'jammed'])} ${maybe(0.6, pick(['and ' + pick(d.booking) + ' is ' + pick(d.delayed), 'again', 'all day']))}`,
  (d) => `${pick(['dirty', 'broken', 'filthy', 'cramped', 'freezing', 'smelly'])} ${pick(['seats', 'plane', 'bathroom', 'store', 'waiting area', 'cabin'])} ${maybe(0.5, pick(['and rude staff', 'again', 'for the price we paid', 'no excuse']))}`,
  (d) => `${pick(['your website', 'the site', 'the app', 'online check in', 'the booking page', 'the payment page', 'the link in your email', 'your login page'])} ${pick(['is down', 'is down again', "won't load", 'keeps giving me an error', 'is broken', 'just spins', 'times out', 'says error 500', 'is not working', 'keeps failing'])}${maybe(0.4, pick([', how am I supposed to ' + pick(['check in', 'book', 'pay', 'get my refund']), ' all morning', ' for days now', ', fix it please']))}`,
  (d) => `${pick(['is your website down', 'why is the site down', 'when will the app be back up', 'why does the page keep crashing', 'why is check in broken', 'is the app down again', 'why can nobody fix the website'])}`,
  (d) => `${pick(['I have been trying to', 'tried 3 times to', 'been trying all day to', 'spent the whole morning trying to', 'still trying to'])} ${pick(['book', 'check in', 'change my flight', 'get a refund', 'log in', 'reach someone', 'cancel', 'update my details'])} ${pick(['and it keeps failing', 'and nothing works', 'with no luck', 'but the page never loads', 'and keep getting an error', 'and get cut off every time'])}`,
  (d) => `${pick(['I will not be', "I won't be", 'we will never be', 'not going to be'])} ${pick(['flying with you', 'ordering from you', 'using your service', 'booking with you', 'renewing'])} again`,
  (d) => `${pick(d.praise)} but ${pick(['this time', 'today'])} ${pick(d.booking)} ${pick(['was', 'got'])} ${pick(d.delayed)} ${maybe(0.5, pick(['and nobody helped', 'so disappointed', 'not happy']))}`,
  (d) => `${pick(['what is going on with', "what's happening with", 'what happened to', 'is there anyone at'])} ${pick(d.channel)}${pick(['?', '??', ' seriously', ', no one answers'])}`,
  (d) => `${pick(["it's been", 'it has been', 'been'])} ${pick(durations)} ${pick(['and nothing', 'since I reported it', 'with no answer', 'since my claim', 'and still no refund', 'since I called'])}`,
  (d) => `${pick(['super fun', 'loving', 'so much fun', 'nothing like', 'always a treat'])} ${pick(['sitting on the runway for 2 hours', 'broken wifi on a 5 hour flight', 'being on hold all day', 'getting bumped again', 'another delay', 'my bag going to another city', 'the error page'])} ${pick([':)', '😁', '🙃', '', ';)'])}`,
  (d) => `you ${pick(['never', "don't", 'do not'])} ${pick(['answer', 'reply', 'call back', 'listen', 'follow up', 'keep your promises'])} ${maybe(0.5, pick(['do you', 'ever', 'at all']))}`,
];

const NEU: Array<(d: Domain) => string> = [
  (d) => pick(d.question),
  (d) => `${maybe(0.3, pick(['hi', 'hello', 'hey', 'quick question']) + ' ')}${pick(d.question)}`,
  (d) => pick(d.statement),
  (d) => `${pick(d.statement)}, ${pick(d.question)}`,
  (d) => `${pick(['is', 'can', 'will'])} ${pick(d.booking)} ${pick(['be changed', 'still on', 'be moved to Friday', 'be upgraded', 'on schedule', 'be refunded if I cancel'])}`,
  (d) => `${pick(['any', 'is there an'])} ${pick(['update on', 'news about', 'info on', 'ETA for'])} ${pick(d.booking)}`,
  (d) => `${pick(['I need to', 'I would like to', 'I want to', 'how can I', 'can I'])} ${pick(['change', 'cancel', 'check', 'update', 'confirm', 'move', 'add a bag to'])} ${pick(d.booking)}`,
  (d) => `${pick(['please', 'can you', 'could you'])} ${pick(['DM me', 'send me', 'email me', 'tell me', 'check'])} ${pick(['the details', 'the status of ' + pick(d.booking), 'the link', 'the phone number', 'the address', 'my options'])}`,
  (d) => `${pick(['what', 'which'])} ${pick(['number do I call', 'email should I use', 'documents do I need', 'time do you open', 'terminal is it', 'is the policy on', 'options do I have for'])} ${maybe(0.5, pick(d.booking))}`,
  (d) => `${pick(['sent', 'just sent', 'I have sent'])} ${pick(['you a DM', 'a message', 'an email', 'the form', 'my details'])} ${maybe(0.5, pick(['about ' + pick(d.booking), 'earlier', 'with my reference']))}`,
  (d) => `${pick(['do you', 'does', 'will you'])} ${pick(['offer', 'have', 'allow', 'accept', 'price match'])} ${pick(['student discounts', 'pets', 'gift cards', 'Apple Pay', 'group bookings', 'free changes', 'a loyalty scheme'])}`,
  (d) => `${pick(['ok', 'okay', 'alright', 'got it', 'noted', 'sure'])}${pick(['', ', I will try that', ', I will wait for the email', ' I will check', ', what next'])}`,
  (d) => `${pick(['when', 'where', 'how'])} ${pick(['do I', 'can I', 'should I'])} ${pick(['find', 'get', 'check', 'pick up', 'see'])} ${pick(d.thing)}`,
  (d) => `${pick(['my', 'our'])} ${pick(['reference', 'booking code', 'order number', 'account number', 'ticket'])} is ${pick(['XJ42K', '88213', 'AB-1190', 'Q7781', '4492'])}`,
  (d) => `${pick(['flying', 'travelling', 'going', 'heading'])} ${pick(['to', 'from'])} ${pick(['Chicago', 'Dallas', 'New York', 'Miami', 'Seattle', 'Austin', 'Denver', 'Boston', 'LA'])} ${pick(['tomorrow', 'on Friday', 'next week', 'tonight', 'in March', 'this weekend'])}${maybe(0.4, ', ' + pick(d.question))}`,
  (d) => `${pick(['is', 'are'])} ${pick(['there', 'you'])} ${pick(['any', 'still'])} ${pick(['seats left', 'open on Sunday', 'hiring', 'deals this week', 'flights to Miami on Friday', 'slots available'])}`,
  (d) => `${pick(['what happens if', 'what if', 'do I get anything if'])} ${pick(d.booking)} ${pick(['is delayed', 'gets cancelled', 'is late', 'changes'])}`,
];

NEG.push(
  () => `${pick(['I want to', 'I am going to', 'please', "I'd like to", 'time to', 'going to'])} ${pick(['cancel', 'close', 'delete', 'end'])} my ${pick(['account', 'subscription', 'contract', 'membership', 'card'])}${pick(['', ", I'm done", ', this is the last straw', ', enough is enough', ' after this', ', you lost a customer'])}`,
  () => `${pick(['switching to', 'moving to', 'going back to', 'taking my business to'])} ${pick(['your competitor', 'another bank', 'another airline', 'a different provider', 'someone who cares'])}${pick(['', ' after this', ', goodbye', ' for good'])}`,
);
NEG.push(...NEG.slice(0, 12).map((t) => (d: Domain) => `${t(d)}. ${pick(['thanks', 'thank you', 'please help', 'pls advise', 'any help appreciated', 'cheers', 'can you help', 'thx'])}`));
NEG.push((d) => `${pick(['please', 'pls', 'can you', 'could you'])} ${pick(['help', 'help me', 'do something'])}, ${NEG[Math.floor(rand() * 12)]!(d)}`);

NEU.push(
  () => `${pick(['the tracking says', 'tracking shows', 'the app says', 'the email says', 'it says'])} ${pick(['out for delivery', 'dispatched', 'in transit', 'arriving tomorrow', 'boarding at 6', 'gate B12', 'processing'])}${pick(['', ', is that right?', ', when will it come', '.'])}`,
  () => `${pick(['how do I', 'can I', 'I need to', 'I want to'])} ${pick(['cancel my order', 'cancel a booking', 'cancel the appointment', 'cancel my reservation'])} ${pick(['', 'please', 'before it ships', 'for next week', 'online'])}`,
);
const airports = ['ORD', 'DCA', 'LAX', 'JFK', 'SFO', 'DEN', 'BOS', 'SEA', 'ATL', 'IAD', 'MIA', 'DFW'];
NEU.push(
  () => `${pick(['flight', 'UA', 'AA', '', 'on', 'at the gate', 'boarding', 'landed', 'heading out'])} ${maybe(0.6, String(Math.floor(rand() * 9000 + 10)))} ${pick(airports)} to ${pick(airports)}${pick(['', '!', ' tonight', ' tomorrow', ' at 6:15', ' on the 24th'])}`,
  () => pick(['done', 'done and done', 'DM sent', 'sent', 'will do', 'ok will do', 'followed', 'just followed you', 'following now', 'noted, thanks', 'sure thing', 'yes', 'no', 'got the email', 'checking now', 'submitted the form']),
  () => `${pick(['can I still', 'am I still able to', 'is it still possible to', 'do I still need to'])} ${pick(['use the lounge', 'check a bag', 'change my seat', 'get a receipt', 'print my pass', 'bring a stroller', 'earn miles on this', 'return it'])} ${pick(['if I fly economy', 'after check in', 'on a partner flight', 'without the app', '', 'on the way back'])}?`,
  () => `${pick(['I left', 'I forgot', 'I think I left', 'lost'])} ${pick(['my jacket', 'a book', 'my headphones', 'my charger', 'a scarf'])} ${pick(['on the plane', 'in seat 14C', 'at the gate', 'in the lounge'])}, ${pick(['who do I contact', 'is there a lost and found', 'how can I get it back', 'what should I do'])}?`,
);
const cities = ['Paris', 'Austin', 'Hawaii', 'Nashville', 'Portland', 'Kansas City', 'Detroit', 'Philly', 'Miami', 'Toronto'];
NEU.push(
  () => pick(['hi', 'hello', 'good morning', 'hey there', 'anyone there?', 'hi, quick question', 'hello again', 'evening', 'yo']),
  (d) => `${pick(d.handles)} ${pick(['is adding flights to', 'announced new routes to', 'now flies to', 'may start service to', 'opens a new store in', 'is expanding to'])} ${pick(cities)} ${pick(['this summer', 'in May', 'next year', 'from June', ''])} ${maybe(0.6, 'http://t.co/x' + Math.floor(rand() * 1e6))}`,
  () => `${pick(['please', 'when will you', 'any plans to', 'you should', 'will you ever'])} ${pick(['start flying to', 'add flights to', 'open a store in', 'deliver to', 'launch in'])} ${pick(cities)}${pick(['?', '', ' soon?', ' please'])}`,
  () => `${pick(['photo from', 'view from', 'pic of', 'video from'])} ${pick(['my flight today', 'the window seat', 'the new store', 'seat 12A', 'the lounge'])} ${pick(['http://t.co/a1b2c3', '#travel', '#avgeek', ''])}`,
  (d) => `${pick(['flight', 'order', 'booking'])} ${Math.floor(rand() * 9000 + 100)} ${pick(['from Dallas to DC', 'LAX to SEA', 'tomorrow at 2pm', 'on the 24th', 'for next week'])}, ${pick(d.question)}`,
  () => `${pick(['missed my flight', 'I missed the bus', 'my plans changed', 'I need to travel earlier', 'running late'])}, ${pick(['how does standby work', 'what are my options', 'can I get on the next one', 'what should I do', 'how do I rebook'])}?`,
  () => `${pick(['new deals', 'sale fares', 'getaway deals', 'spring offers'])} ${pick(['from $59', 'through May', 'to sunny cities', 'on select routes'])} ${pick(['#deals', 'http://t.co/zz9', '#travel', ''])}`,
  () => `${pick(['RT', 'retweeting this', 'saw this', 'FYI'])}: ${pick(['gate change for flight 22', 'weather advisory for Boston', 'new baggage rules from March', 'updated schedule for the holidays'])}`,
);

const POS: Array<(d: Domain) => string> = [
  (d) => pick(d.praise),
  (d) => `${pick(['thanks', 'thank you', 'thx', 'many thanks', 'big thanks', 'ty'])} ${pick(['for the help', 'for the quick reply', 'for sorting it out', 'so much', 'for getting back to me', 'for the update', 'for being so patient', 'to ' + pick(d.staff)])}`,
  (d) => `${pick(d.staff)} ${pick(['was amazing', 'was so helpful', 'went above and beyond', 'was lovely', 'made my day', 'was really kind', 'sorted everything', 'deserves a raise', 'was great'])}`,
  (d) => `${pick(['love', 'loving', 'really love', 'I love'])} ${pick(['the new app', 'your service', 'the new seats', 'this company', 'the free wifi', 'the quick delivery', 'the snacks', 'you guys'])}`,
  (d) => `${pick(['great', 'excellent', 'awesome', 'fantastic', 'brilliant', 'superb', 'amazing', 'wonderful'])} ${pick(['service', 'experience', 'job', 'support', 'flight', 'staff', 'crew', 'team'])} ${maybe(0.5, pick(['today', 'as always', 'thank you', 'yesterday', 'from start to finish']))}`,
  (d) => `${pick(['you guys', 'you', 'your team'])} ${pick(['rock', 'are the best', 'are awesome', 'made it easy', 'saved my trip', 'nailed it', 'are stars'])}`,
  (d) => `${pick(['finally', 'yay', 'so happy', 'woohoo'])} ${pick(['got my refund', 'home safe', 'got my bag back', 'it works', 'all sorted', 'landed early', 'got the upgrade'])}`,
  (d) => `${pick(['really', 'very', 'so', 'super'])} ${pick(['happy', 'pleased', 'impressed', 'grateful', 'satisfied'])} ${pick(['with the service', 'with ' + pick(d.staff), 'with my order', 'with how quick that was', 'thanks'])}`,
  (d) => `${pick(['problem solved', 'all fixed', 'issue resolved', 'sorted'])}${pick(['', ', thank you', ' thanks a lot', ' in minutes, great', ', appreciate it'])}`,
  (d) => `${pick(['appreciate', 'I appreciate', 'really appreciate'])} ${pick(['the help', 'your quick response', 'it', 'the follow up', 'the upgrade', 'the refund'])}`,
  (d) => `${pick(['can\'t wait to', 'looking forward to', 'excited to'])} ${pick(['fly with you again', 'my trip', 'order again', 'try the new service', 'see the new planes'])}`,
  () => `${pick(['fav airline', 'my favorite airline', 'my go-to shop', 'always a pleasure', 'you never disappoint', 'the best part of my trip', 'glad I chose you', 'my favourite app', 'always reliable'])}${pick(['', '!', ' ❤️', ' 😊', ' #loyal', ', see you next week'])}`,
  (d) => `${pick(['got it sorted', 'all squared away', 'someone picked up right away', 'they called me back within minutes', 'rebooked me on a better flight', 'found my bag'])}${pick(['', ', thanks', '!', ' 😉', ', great team', ', you rock'])}`,
  (d) => `${pick(['just when I thought you could not get any better', 'you outdid yourselves', 'above and beyond again', 'this is why I keep coming back'])}${maybe(0.5, ', ' + pick(d.praise))}`,
  (d) => `${pick(['not bad at all', 'no complaints', 'could not be happier', 'nothing to complain about'])}${maybe(0.5, ', ' + pick(d.praise))}`,
];

export function generate(perDomainPerTemplate = 4): Array<{ text: string; label: Label }> {
  seed = 20261128;
  const out: Array<{ text: string; label: Label }> = [];
  const seen = new Set<string>();
  for (const d of Object.values(D)) {
    for (const [label, templates, n] of [['negative', NEG, perDomainPerTemplate], ['neutral', NEU, perDomainPerTemplate + 2], ['positive', POS, perDomainPerTemplate + 1]] as const) {
      for (const t of templates) for (let i = 0; i < n; i++) {
        const text = styled(t(d), label, d);
        const key = text.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ text, label });
      }
    }
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = generate();
  const path = fileURLToPath(new URL('./generated.jsonl', import.meta.url));
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const counts = rows.reduce<Record<string, number>>((a, r) => ((a[r.label] = (a[r.label] ?? 0) + 1), a), {});
  console.log(`${rows.length} sentences → ${path}`, counts);
}
