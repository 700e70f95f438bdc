package peerdata

import (
	"fmt"
	"hash/fnv"
	randv2 "math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/brianvoe/gofakeit/v6"
)

// profile is everything the peers know about one person. It is drawn from
// the seed and the person alone, so every peer and every request about the
// same person tells the same facts (SPEC.md §3: deterministic, consistent
// across peers).
type profile struct {
	male                          bool
	lastName, firstName, middle   string
	birth                         time.Time
	docType, docNumber, docIssuer string
	docIssued                     time.Time
	taxNumber                     string

	region, city, street, building, apartment, postcode string

	mobile, email string

	activeLoans, closedLoans, maxOverdue, currentOverdue, creditScore int
	debt                                                              string
	lastLoan                                                          time.Time

	segment, spend, payment, online, favourites, loyalty string

	bank, internet string

	tariff, contract, fee string
	since                 time.Time

	marital, education, employment, income string
	children                               int
}

// pcgSource lets gofakeit draw from math/rand/v2's PCG: seeding it is
// cheap, which matters when every answer regenerates its people.
type pcgSource struct{ *randv2.PCG }

func (s pcgSource) Int63() int64 { return int64(s.Uint64() >> 1) }
func (s pcgSource) Seed(int64)   {}

// personKey identifies a person: the document when given, else the phone
// number in its 380XXXXXXXXX form.
func personKey(idDocument, phoneNumber string) string {
	if idDocument != "" {
		return "doc:" + idDocument
	}
	return "tel:" + normalPhone(phoneNumber)
}

// newProfile draws the person's profile. The order of the draws is part of
// the output: changing it changes every generated person.
func newProfile(seed int64, idDocument, phoneNumber string) *profile {
	h := fnv.New64a()
	h.Write([]byte(personKey(idDocument, phoneNumber)))
	f := gofakeit.NewCustom(pcgSource{randv2.NewPCG(h.Sum64(), uint64(seed)^0x9E3779B97F4A7C15)})
	p := &profile{}

	p.male = f.Bool()
	sn := surnames[f.Number(0, len(surnames)-1)]
	father := fathers[f.Number(0, len(fathers)-1)]
	him, her := f.RandomString(maleNames), f.RandomString(femaleNames)
	p.birth = f.DateRange(bornFrom, bornTo).Truncate(24 * time.Hour)

	// Documents: the one asked about is the person's; the others are drawn.
	idCard := "00" + f.DigitN(7)
	issuer := f.RandomString(passportIssuers)
	authority := strconv.Itoa(f.Number(1000, 8099))
	taxTail := f.DigitN(4)
	p.docIssued = f.DateRange(issuedFrom, issuedTo).Truncate(24 * time.Hour)
	switch kind := documentKind(idDocument); kind {
	case docTax:
		// An RNOKPP encodes the birth date and the sex: keep them consistent.
		if birth, male, ok := decodeTaxNumber(idDocument); ok {
			p.birth, p.male = birth, male
		}
		p.taxNumber = idDocument
		p.docType, p.docNumber, p.docIssuer = docTypeIDCard, idCard, authority
	case docIDCard:
		p.docType, p.docNumber, p.docIssuer = docTypeIDCard, idDocument, authority
	case docBooklet:
		p.docType, p.docNumber, p.docIssuer = docTypeBooklet, idDocument, issuer
	case docForeign:
		p.docType, p.docNumber, p.docIssuer = docTypeForeign, idDocument, authority
	default:
		p.docType, p.docNumber, p.docIssuer = docTypeIDCard, idCard, authority
	}
	if p.male {
		p.firstName, p.lastName, p.middle = him, sn[0], father[1]
	} else {
		p.firstName, p.lastName, p.middle = her, sn[1], father[2]
	}
	if p.taxNumber == "" {
		p.taxNumber = taxNumber(p.birth, p.male, taxTail)
	}

	c := cities[f.Number(0, len(cities)-1)]
	p.region, p.city = c.region, c.city
	p.postcode = fmt.Sprintf("%05d", c.postcode+f.Number(0, c.span))
	p.street = f.RandomString(streets)
	p.building = strconv.Itoa(f.Number(1, 180))
	if f.Number(1, 10) <= 7 {
		p.apartment = strconv.Itoa(f.Number(1, 240))
	}

	if phoneNumber != "" {
		p.mobile = "+" + normalPhone(phoneNumber)
	} else {
		p.mobile = "+380" + f.RandomString(mobileCodes) + f.DigitN(7)
	}
	p.email = fmt.Sprintf("%s.%s%d@%s", strings.ToLower(translit(p.firstName)), strings.ToLower(translit(p.lastName)),
		f.Number(1, 99), f.RandomString(mailDomains))

	p.activeLoans = f.Number(0, 3)
	p.closedLoans = f.Number(1, 12)
	if p.activeLoans > 0 {
		p.debt = fmt.Sprintf("%.2f", f.Price(1500, 350000))
	} else {
		p.debt = "0.00"
	}
	if f.Number(1, 10) <= 7 {
		p.maxOverdue = 0
	} else {
		p.maxOverdue = f.Number(1, 120)
	}
	if p.maxOverdue > 0 && p.activeLoans > 0 && f.Number(1, 4) == 1 {
		p.currentOverdue = f.Number(1, p.maxOverdue)
	}
	p.lastLoan = f.DateRange(loansFrom, loansTo).Truncate(24 * time.Hour)
	p.creditScore = f.Number(300, 950)

	p.segment = f.RandomString(segments)
	p.spend = strconv.Itoa(f.Number(15, 600) * 100)
	p.payment = f.RandomString(payments)
	p.online = yesNo(f.Number(1, 10) <= 6)
	a, b := f.Number(0, len(shopCategories)-1), f.Number(0, len(shopCategories)-2)
	if b >= a {
		b++
	}
	p.favourites = shopCategories[a] + ", " + shopCategories[b]
	p.loyalty = yesNo(f.Bool())

	p.bank = f.RandomString(banks)
	p.internet = f.RandomString(internetProviders)

	p.contract = f.RandomString([]string{"контракт", "передплата"})
	p.tariff = f.RandomString(tariffs[operatorOf(p.mobile)])
	p.since = f.DateRange(subscribedFrom, subscribedTo).Truncate(24 * time.Hour)
	p.fee = strconv.Itoa(f.Number(15, 60) * 10)

	p.children = f.Number(0, 3)
	p.education = f.RandomString(educations)
	p.income = f.RandomString(incomes)
	m := maritalStatuses[f.Number(0, len(maritalStatuses)-1)]
	p.marital = m[1]
	if p.male {
		p.marital = m[0]
	}
	p.employment = f.RandomString(employments)
	return p
}

// fields returns the facts of one category as (fieldName, fieldValue)
// pairs, in a fixed order; asOf is when the request was made (for the age).
func (p *profile) fields(category string, asOf time.Time) [][2]string {
	switch category {
	case "Address":
		full := p.street + ", буд. " + p.building
		if p.apartment != "" {
			full += ", кв. " + p.apartment
		}
		full += ", " + p.city + ", " + p.postcode
		return [][2]string{
			{"country", "Україна"}, {"region", p.region}, {"city", p.city}, {"street", p.street},
			{"building", p.building}, {"apartment", p.apartment}, {"postcode", p.postcode}, {"fullAddress", full},
		}
	case "Consumer Profile":
		return [][2]string{
			{"spendingSegment", p.segment}, {"averageMonthlySpendUAH", p.spend}, {"preferredPaymentMethod", p.payment},
			{"onlineShopping", p.online}, {"favouriteCategories", p.favourites}, {"loyaltyCard", p.loyalty},
		}
	case "Contacts":
		return [][2]string{{"mobilePhone", p.mobile}, {"email", p.email}}
	case "Credit History":
		return [][2]string{
			{"activeLoans", strconv.Itoa(p.activeLoans)}, {"closedLoans", strconv.Itoa(p.closedLoans)},
			{"totalDebtUAH", p.debt}, {"maxOverdueDays", strconv.Itoa(p.maxOverdue)},
			{"currentOverdueDays", strconv.Itoa(p.currentOverdue)}, {"lastLoanDate", p.lastLoan.Format(time.DateOnly)},
			{"creditScore", strconv.Itoa(p.creditScore)},
		}
	case "Identity":
		return [][2]string{
			{"lastName", p.lastName}, {"firstName", p.firstName}, {"middleName", p.middle},
			{"birthDate", p.birth.Format(time.DateOnly)}, {"gender", p.gender()}, {"citizenship", "Україна"},
			{"documentType", p.docType}, {"documentNumber", p.docNumber}, {"documentIssuedBy", p.docIssuer},
			{"documentIssueDate", p.docIssued.Format(time.DateOnly)}, {"taxNumber", p.taxNumber},
		}
	case "Name":
		return [][2]string{
			{"lastName", p.lastName}, {"firstName", p.firstName}, {"middleName", p.middle},
			{"fullName", p.lastName + " " + p.firstName + " " + p.middle},
			{"fullNameLatin", strings.ToUpper(translit(p.lastName) + " " + translit(p.firstName))},
		}
	case "Services":
		return [][2]string{{"mobileOperator", operatorOf(p.mobile)}, {"bank", p.bank}, {"internetProvider", p.internet}}
	case "Socio-Demographic Profile":
		return [][2]string{
			{"gender", p.gender()}, {"age", strconv.Itoa(age(p.birth, asOf))}, {"maritalStatus", p.marital},
			{"children", strconv.Itoa(p.children)}, {"education", p.education}, {"employment", p.employment},
			{"incomeLevel", p.income}, {"region", p.region},
		}
	case "Subscription":
		return [][2]string{
			{"mobilePhone", p.mobile}, {"tariffPlan", p.tariff}, {"contractType", p.contract},
			{"subscribedSince", p.since.Format(time.DateOnly)}, {"monthlyFeeUAH", p.fee}, {"subscriptionStatus", "активна"},
		}
	}
	return nil
}

func (p *profile) gender() string {
	if p.male {
		return "чоловіча"
	}
	return "жіноча"
}

func yesNo(b bool) string {
	if b {
		return "так"
	}
	return "ні"
}

func age(birth, asOf time.Time) int {
	y := asOf.Year() - birth.Year()
	if asOf.YearDay() < birth.YearDay() {
		y--
	}
	return max(y, 0)
}

// Kinds of IdDocument (the decided rule of defs.json#/$defs/idDocument).
const (
	docNone = iota
	docIDCard
	docTax
	docBooklet
	docForeign
)

const (
	docTypeIDCard  = "ID-картка"
	docTypeBooklet = "паспорт громадянина України (книжечка)"
	docTypeForeign = "паспорт громадянина України для виїзду за кордон"
)

func documentKind(doc string) int {
	switch {
	case doc == "":
		return docNone
	case isDigits(doc) && len(doc) == 9:
		return docIDCard
	case isDigits(doc) && len(doc) == 10:
		return docTax
	case len(doc) == 8 && doc[0] < 0x80:
		return docForeign
	}
	return docBooklet
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// rnokppEpoch is day zero of the RNOKPP (Ukrainian taxpayer number): its
// first five digits count the days since then to the birth date.
var rnokppEpoch = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)

var rnokppWeights = [9]int{-1, 5, 7, 9, 4, 6, 10, 5, 7}

// taxNumber builds an RNOKPP from four random digits: the birth date's day
// number, three digits, a sex digit (odd for men) and the check digit.
func taxNumber(birth time.Time, male bool, tail string) string {
	days := int(birth.Sub(rnokppEpoch).Hours() / 24)
	d := fmt.Sprintf("%05d%s", days%100000, tail[:3])
	sex := int(tail[3]-'0') / 2 * 2 // even
	if male {
		sex++
	}
	d += strconv.Itoa(sex)
	return d + strconv.Itoa(rnokppCheck(d))
}

func rnokppCheck(first9 string) int {
	sum := 0
	for i := 0; i < 9; i++ {
		sum += rnokppWeights[i] * int(first9[i]-'0')
	}
	return ((sum % 11) + 11) % 11 % 10
}

// decodeTaxNumber reads the birth date and sex out of an RNOKPP when they
// make an adult of plausible age.
func decodeTaxNumber(n string) (birth time.Time, male bool, ok bool) {
	days, err := strconv.Atoi(n[:5])
	if err != nil {
		return time.Time{}, false, false
	}
	birth = rnokppEpoch.AddDate(0, 0, days)
	if birth.Before(bornFrom.AddDate(-20, 0, 0)) || birth.After(bornTo) {
		return time.Time{}, false, false
	}
	return birth, (n[8]-'0')%2 == 1, true
}

// operatorOf names the mobile operator of a +380 number by its code.
func operatorOf(mobile string) string {
	if len(mobile) < 6 {
		return "Київстар"
	}
	switch mobile[4:6] {
	case "50", "66", "95", "99", "75":
		return "Vodafone Україна"
	case "63", "73", "93":
		return "lifecell"
	}
	return "Київстар"
}

// translit writes Ukrainian in Latin letters by the national system of
// 2010 (the one in passports): Є, Ї, Й, Ю, Я differ at the start of a word.
func translit(s string) string {
	var b strings.Builder
	start := true
	rs := []rune(s)
	for i, r := range rs {
		lower := []rune(strings.ToLower(string(r)))[0]
		upper := r != lower
		var t string
		if start {
			t = translitInitial[lower]
		}
		if t == "" {
			t = translitTable[lower]
		}
		if lower == 'з' && i+1 < len(rs) && (rs[i+1] == 'г' || rs[i+1] == 'Г') {
			t = "zg" // зг → zgh: the г that follows adds the h
		}
		switch {
		case t == "" && lower != 'ь' && lower != '\'' && lower != 'ʼ':
			t = string(lower)
		case lower == 'ь' || lower == '\'' || lower == 'ʼ':
			t = ""
		}
		if upper && t != "" {
			t = strings.ToUpper(t[:1]) + t[1:]
		}
		b.WriteString(t)
		start = r == ' ' || r == '-'
	}
	return b.String()
}

var translitTable = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "h", 'ґ': "g", 'д': "d", 'е': "e", 'є': "ie", 'ж': "zh", 'з': "z",
	'и': "y", 'і': "i", 'ї': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p",
	'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh",
	'щ': "shch", 'ю': "iu", 'я': "ia",
}

var translitInitial = map[rune]string{'є': "ye", 'ї': "yi", 'й': "y", 'ю': "yu", 'я': "ya"}

var (
	bornFrom       = time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)
	bornTo         = time.Date(2005, 12, 31, 0, 0, 0, 0, time.UTC)
	issuedFrom     = time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	issuedTo       = time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	loansFrom      = time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	loansTo        = time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	subscribedFrom = time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC)
	subscribedTo   = time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)
)

var (
	maleNames = []string{"Олександр", "Андрій", "Дмитро", "Сергій", "Володимир", "Іван", "Михайло", "Юрій",
		"Олег", "Тарас", "Богдан", "Василь", "Максим", "Назар", "Петро"}
	femaleNames = []string{"Олена", "Наталія", "Ірина", "Оксана", "Тетяна", "Марія", "Юлія", "Світлана",
		"Катерина", "Анна", "Вікторія", "Галина", "Софія", "Людмила", "Христина"}
	// fathers holds {name, patronymic of a son, patronymic of a daughter}.
	fathers = [][3]string{
		{"Олександр", "Олександрович", "Олександрівна"}, {"Андрій", "Андрійович", "Андріївна"},
		{"Дмитро", "Дмитрович", "Дмитрівна"}, {"Сергій", "Сергійович", "Сергіївна"},
		{"Володимир", "Володимирович", "Володимирівна"}, {"Іван", "Іванович", "Іванівна"},
		{"Михайло", "Михайлович", "Михайлівна"}, {"Юрій", "Юрійович", "Юріївна"},
		{"Олег", "Олегович", "Олегівна"}, {"Тарас", "Тарасович", "Тарасівна"},
		{"Богдан", "Богданович", "Богданівна"}, {"Василь", "Васильович", "Василівна"},
		{"Петро", "Петрович", "Петрівна"}, {"Віктор", "Вікторович", "Вікторівна"},
		{"Микола", "Миколайович", "Миколаївна"},
	}
	// surnames holds {masculine, feminine} forms; most Ukrainian surnames
	// have one form for both.
	surnames = [][2]string{
		{"Шевченко", "Шевченко"}, {"Бондаренко", "Бондаренко"}, {"Коваленко", "Коваленко"}, {"Ткаченко", "Ткаченко"},
		{"Кравченко", "Кравченко"}, {"Олійник", "Олійник"}, {"Шевчук", "Шевчук"}, {"Поліщук", "Поліщук"},
		{"Бойко", "Бойко"}, {"Ткачук", "Ткачук"}, {"Мельник", "Мельник"}, {"Марченко", "Марченко"},
		{"Лисенко", "Лисенко"}, {"Руденко", "Руденко"}, {"Савченко", "Савченко"}, {"Петренко", "Петренко"},
		{"Мороз", "Мороз"}, {"Павленко", "Павленко"}, {"Левченко", "Левченко"}, {"Гончаренко", "Гончаренко"},
		{"Романюк", "Романюк"}, {"Клименко", "Клименко"}, {"Коваль", "Коваль"}, {"Гнатюк", "Гнатюк"},
		{"Ковальський", "Ковальська"}, {"Яворський", "Яворська"}, {"Білий", "Біла"}, {"Зелінський", "Зелінська"},
	}
	cities = []struct {
		region, city   string
		postcode, span int
	}{
		{"м. Київ", "м. Київ", 1001, 3999},
		{"Львівська область", "м. Львів", 79000, 499},
		{"Одеська область", "м. Одеса", 65000, 125},
		{"Харківська область", "м. Харків", 61000, 204},
		{"Дніпропетровська область", "м. Дніпро", 49000, 130},
		{"Запорізька область", "м. Запоріжжя", 69000, 124},
		{"Вінницька область", "м. Вінниця", 21000, 100},
		{"Полтавська область", "м. Полтава", 36000, 40},
		{"Чернігівська область", "м. Чернігів", 14000, 40},
		{"Івано-Франківська область", "м. Івано-Франківськ", 76000, 19},
		{"Тернопільська область", "м. Тернопіль", 46000, 27},
		{"Закарпатська область", "м. Ужгород", 88000, 20},
		{"Волинська область", "м. Луцьк", 43000, 26},
		{"Рівненська область", "м. Рівне", 33000, 28},
		{"Житомирська область", "м. Житомир", 10000, 31},
		{"Черкаська область", "м. Черкаси", 18000, 36},
		{"Київська область", "м. Біла Церква", 9100, 17},
	}
	streets = []string{"вул. Шевченка", "вул. Грушевського", "вул. Івана Франка", "просп. Незалежності",
		"вул. Лесі Українки", "вул. Січових Стрільців", "вул. Соборна", "вул. Садова", "вул. Центральна",
		"бульв. Тараса Шевченка", "вул. Героїв Майдану", "вул. Київська", "вул. Богдана Хмельницького",
		"вул. Липова", "вул. Зелена", "вул. Степана Бандери", "просп. Свободи", "вул. Миру"}
	passportIssuers = []string{
		"Шевченківським РВ ГУ МВС України в м. Києві",
		"Галицьким РВ ЛМУ ГУ МВС України у Львівській області",
		"Приморським РВ ОМУ ГУ МВС України в Одеській області",
		"Київським РВ ХМУ ГУ МВС України в Харківській області",
		"Соборним РВ ДМУ ГУ МВС України в Дніпропетровській області",
		"Вінницьким МВ УМВС України у Вінницькій області",
	}
	mobileCodes = []string{"50", "66", "95", "99", "67", "68", "96", "97", "98", "63", "73", "93"}
	mailDomains = []string{"poshta.example", "ukrmail.example", "lystivka.example"}
	segments    = []string{"економ", "середній", "преміум"}
	payments    = []string{"банківська картка", "готівка", "Google Pay", "Apple Pay"}
	// shopCategories has at least two entries: favourites picks two.
	shopCategories    = []string{"продукти", "електроніка", "одяг", "дім і сад", "дитячі товари", "аптека", "спорт", "книги"}
	banks             = []string{"ПриватБанк", "Монобанк", "Ощадбанк", "ПУМБ", "Райффайзен Банк", "А-Банк", "Укрсиббанк"}
	internetProviders = []string{"Укртелеком", "Воля", "Київстар Домашній інтернет", "Triolan", "Тенет", "Ланет"}
	tariffs           = map[string][]string{
		"Київстар":         {"Київстар Смарт", "Київстар Безлім", "Київстар Базовий"},
		"Vodafone Україна": {"Vodafone Joice", "Vodafone Red M", "Vodafone Flex"},
		"lifecell":         {"Лайф Смарт", "Лайф Платинум", "Лайф Вільний"},
	}
	educations      = []string{"вища", "неповна вища", "професійно-технічна", "загальна середня"}
	incomes         = []string{"низький", "нижче середнього", "середній", "вище середнього", "високий"}
	employments     = []string{"найманий працівник", "ФОП", "державний службовець", "пенсіонер", "студент", "тимчасово не працює"}
	maritalStatuses = [][2]string{{"одружений", "заміжня"}, {"неодружений", "незаміжня"}, {"розлучений", "розлучена"}, {"вдівець", "вдова"}}
)
