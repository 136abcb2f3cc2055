// Which pixel sizes each platform's icon set holds (shared by the generator and the icon test).
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** Every size rendered: the union of the above (the .icns uses 16…1024). */
export const PNG_SIZES: readonly number[] = [...new Set<number>([...LINUX_SIZES, ...ICO_SIZES])].sort((a, b) => a - b);
