import {
  createTheme,
  defaultVariantColorsResolver,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';

/**
 * Mantine writes the `subtle` variant in `<color>-light-color`, which the dark theme sets to the
 * color's palest shade (red-0, near white): a red delete icon turned neutral. An explicit color
 * is a meaning (red: destructive), so it is written in `<color>-text`, red in both themes.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'subtle' || input.color === undefined) return colors;
  const parsed = parseThemeColor({ color: input.color, theme: input.theme });
  if (!parsed.isThemeColor || parsed.shade !== undefined) return colors;
  return { ...colors, color: `var(--mantine-color-${parsed.color}-text)` };
};

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  variantColorResolver,
});
