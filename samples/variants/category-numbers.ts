/**
 * Chinese section numbers templates put before category headings (一、就业创业).
 */
export const CATEGORY_NUMBERS: Readonly<Record<string, string>> = {
  就业创业: '一',
  社会保障: '二',
  人才人事: '三',
  劳动关系: '四',
  公共服务: '五',
};
