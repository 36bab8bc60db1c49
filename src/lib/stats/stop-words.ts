// Stop words: the function words that say nothing of a theme. The Snowball project's lists for
// Finnish and English (snowballstem.org/algorithms/finnish/stop.txt and …/english/stop.txt), the
// lists its stemmers are made for. Broader lists (stopwords-iso) also drop "order", "help", "aika"
// and "hyvä", which are what customers write about. Added to Snowball's Finnish list: the negative
// verb with -kä ("eikä", which the sample's and a shop's detractors used most) and five adverbs
// (myös, vain, jo, vielä, sitten) that carried no theme in them.

export const FINNISH_STOP_WORDS = new Set(
  `olla olen olet on olemme olette ovat ole oli olisi olisit olisin olisimme olisitte olisivat olit olin olimme olitte olivat ollut olleet
  en et ei emme ette eivät
  minä minun minut minua minussa minusta minuun minulla minulta minulle
  sinä sinun sinut sinua sinussa sinusta sinuun sinulla sinulta sinulle
  hän hänen hänet häntä hänessä hänestä häneen hänellä häneltä hänelle
  me meidän meidät meitä meissä meistä meihin meillä meiltä meille
  te teidän teidät teitä teissä teistä teihin teillä teiltä teille
  he heidän heidät heitä heissä heistä heihin heillä heiltä heille
  tämä tämän tätä tässä tästä tähän tällä tältä tälle tänä täksi
  tuo tuon tuota tuossa tuosta tuohon tuolla tuolta tuolle tuona tuoksi
  se sen sitä siinä siitä siihen sillä siltä sille sinä siksi
  nämä näiden näitä näissä näistä näihin näillä näiltä näille näinä näiksi
  nuo noiden noita noissa noista noihin noilla noilta noille noina noiksi
  ne niiden niitä niissä niistä niihin niillä niiltä niille niinä niiksi
  kuka kenen kenet ketä kenessä kenestä keneen kenellä keneltä kenelle kenenä keneksi
  ketkä keiden keitä keissä keistä keihin keillä keiltä keille keinä keiksi
  mikä minkä mitä missä mistä mihin millä miltä mille minä miksi mitkä
  joka jonka jota jossa josta johon jolla jolta jolle jona joksi
  jotka joiden joita joissa joista joihin joilla joilta joille joina joiksi
  että ja jos koska kuin mutta niin sekä sillä tai vaan vai vaikka
  kanssa mukaan noin poikki yli kun nyt itse
  eikä enkä etkä emmekä ettekä eivätkä myös vain jo vielä sitten`.split(/\s+/),
);

export const ENGLISH_STOP_WORDS = new Set(
  `i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself
  it its itself they them their theirs themselves what which who whom this that these those
  am is are was were be been being have has had having do does did doing would should could ought
  i'm you're he's she's it's we're they're i've you've we've they've i'd you'd he'd she'd we'd they'd
  i'll you'll he'll she'll we'll they'll isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't
  won't wouldn't shan't shouldn't can't cannot couldn't mustn't let's that's who's what's here's there's when's
  where's why's how's a an the and but if or because as until while of at by for with about against between into
  through during before after above below to from up down in out on off over under again further then once here
  there when where why how all any both each few more most other some such no nor not only own same so than too very`.split(/\s+/),
);
