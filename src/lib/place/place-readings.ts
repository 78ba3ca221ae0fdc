// Readings of place names that pinyin-pro, reading them as ordinary words,
// gets wrong (it reads 单县 dan xian, 乐清 le qing). The established readings
// of these names, toneless. Checked against pinyin-pro 3.29 on the names of
// the national list; a name it already reads right is not listed.

export const PLACE_READINGS: Record<string, string> = {
  // Characters that place names read one way throughout: 成都, 于都, 丰都, 都昌 (not dou);
  // 什邡, 什字, 什川 (not shen).
  都: 'du',
  什: 'shi',
  单县: 'shan xian',
  乐清: 'yue qing',
  乐亭: 'lao ting',
  六合: 'lu he',
  涡阳: 'guo yang',
  蔚县: 'yu xian',
  繁峙: 'fan shi',
  洪洞: 'hong tong',
  泌阳: 'bi yang',
  黄陂: 'huang pi',
  歙县: 'she xian',
  筠连: 'jun lian',
  尉犁: 'yu li',
  浚县: 'xun xian',
  覃塘: 'tan tang',
  中牟: 'zhong mou',
  召陵: 'shao ling',
  珲春: 'hun chun',
};
