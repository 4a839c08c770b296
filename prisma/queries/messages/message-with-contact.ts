/** The shape message reads return: the row plus what a list needs of its contact. */
export const messageWithContact = {
  include: { contact: { select: { firstName: true, lastName: true } } },
} as const;
